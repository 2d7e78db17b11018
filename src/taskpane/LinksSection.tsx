// The links section (search + chips). Loaded on demand: the combobox, dropdown, tags and their positioning code
// are a good part of Fluent's weight, and the item, its status and "Sync as" should show before they arrive.
import { makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useCallback, useId } from 'react';
import type { CrmSearchResult } from '../shared/api.js';
import type { CrmLink, CrmObjectType } from '../shared/crm-links.js';
import { LinkChips, type LinkChipsProps } from './components/LinkChips.js';
import { LinkSearch } from './components/LinkSearch.js';
import { useStrings } from './strings-context.js';

export interface LinksSectionProps {
  links: readonly CrmLink[];
  linkedKeys: ReadonlySet<string>;
  search: (query: string, types: CrmObjectType[], signal: AbortSignal) => Promise<CrmSearchResult[]>;
  onPick: (result: CrmSearchResult) => void;
  onRemove: (link: CrmLink) => void;
  onMakePrimary: (link: CrmLink) => void;
  searchDisabled: boolean;
  chipsDisabled: boolean;
  describeError: (error: unknown) => string;
  /** The C4C screen of a linked object, or null (shared/c4c-ui-links.ts). */
  openUrl?: (link: CrmLink) => string | null;
  /** A linked record's preview card (read once per record, cached for the pane's life). */
  loadPreview?: LinkChipsProps['loadPreview'];
}

const useStyles = makeStyles({ section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 } });

export default function LinksSection(props: LinksSectionProps) {
  const { strings } = useStrings();
  const styles = useStyles();
  const searchId = useId();
  const { links, onRemove } = props;
  // The last chip's removal takes the chip list away, and the focus with it: put it in the search box instead.
  const remove = useCallback(
    (link: CrmLink) => {
      if (links.length === 1) document.getElementById(searchId)?.focus();
      onRemove(link);
    },
    [links, onRemove, searchId],
  );
  return (
    <section className={styles.section} aria-labelledby="links-heading">
      <Subtitle2 as="h2" id="links-heading">
        {strings.links.heading}
      </Subtitle2>
      <LinkSearch search={props.search} onPick={props.onPick} linkedKeys={props.linkedKeys} disabled={props.searchDisabled} describeError={props.describeError} inputId={searchId} />
      <LinkChips links={props.links} onRemove={remove} onMakePrimary={props.onMakePrimary} disabled={props.chipsDisabled} openUrl={props.openUrl} loadPreview={props.loadPreview} />
    </section>
  );
}
