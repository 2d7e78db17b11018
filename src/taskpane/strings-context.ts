// The strings and locale the pane's components read. The catalogs live in src/addin/text because the ribbon
// commands show them too; this React side stays here so the commands' bundle does not pull in React.
import { createContext, useContext } from 'react';
import { en, type Strings } from '../addin/text/en.js';

export const StringsContext = createContext<{ strings: Strings; locale: string }>({ strings: en, locale: 'en-US' });

export function useStrings(): { strings: Strings; locale: string } {
  return useContext(StringsContext);
}
