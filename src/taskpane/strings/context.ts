// The strings and locale React components read (kept apart from index.ts so the ribbon commands can use the
// catalogs without pulling React into their bundle).
import { createContext, useContext } from 'react';
import { en, type Strings } from './en.js';

export const StringsContext = createContext<{ strings: Strings; locale: string }>({ strings: en, locale: 'en-US' });

export function useStrings(): { strings: Strings; locale: string } {
  return useContext(StringsContext);
}
