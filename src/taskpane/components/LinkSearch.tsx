import { Caption1, Combobox, Dropdown, Field, makeStyles, Option, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { CRM_SEARCH_DEFAULT_TOP, type CrmSearchResult } from '../../shared/api.js';
import { crmObjectTypes, type CrmObjectType } from '../../shared/crm-links.js';
import { format } from '../../addin/text/format.js';
import { useStrings } from '../strings-context.js';

export const MIN_QUERY_LENGTH = 2;

export interface LinkSearchProps {
  /** Runs one search; must stop when the signal aborts (a newer query replaced it). */
  search: (query: string, types: CrmObjectType[], signal: AbortSignal) => Promise<CrmSearchResult[]>;
  onPick: (result: CrmSearchResult) => void;
  /** `${type}:${id}` of links the item already has; shown but not pickable again. */
  linkedKeys: ReadonlySet<string>;
  debounceMs?: number;
  disabled?: boolean;
  /** Turns a search failure into text for the user. */
  describeError?: (error: unknown) => string;
  /** The search box's id, so focus can be put there (after the last chip is removed). */
  inputId?: string;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  control: { minWidth: 0, width: '100%' },
  secondary: { color: tokens.colorNeutralForeground2, display: 'block' },
});

export const resultKey = (r: { type: string; id: string }): string => `${r.type}:${r.id}`;

/** One search box over the linkable CRM types, with a type filter; results as the user types. */
export function LinkSearch({ search, onPick, linkedKeys, debounceMs = 250, disabled, describeError, inputId }: LinkSearchProps) {
  const { strings } = useStrings();
  const t = strings.links;
  const styles = useStyles();
  const statusId = useId();
  const [query, setQuery] = useState('');
  const [types, setTypes] = useState<CrmObjectType[]>([]);
  const [results, setResults] = useState<CrmSearchResult[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Open while the user is typing and there is something to pick; Escape and picking close it.
  const [open, setOpen] = useState(false);

  // A query too short to search clears what the last one found. Done where the query changes rather than in the
  // search effect below, which would otherwise set state only to render a second time.
  const changeQuery = (next: string) => {
    setQuery(next);
    if (next.trim().length < MIN_QUERY_LENGTH) {
      setResults([]);
      setSearching(false);
      setError(null);
    }
  };

  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_QUERY_LENGTH) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      search(q, types, controller.signal)
        .then((found) => {
          if (controller.signal.aborted) return;
          setResults(found);
          setError(null);
        })
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setResults([]);
          setError(format(t.searchFailed, { reason: describeError ? describeError(err) : String(err) }));
        })
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, types, search, debounceMs, describeError, t.searchFailed]);

  const typeLabel = (type: CrmObjectType) => strings.types[type];
  const showEmpty = !searching && !error && query.trim().length >= MIN_QUERY_LENGTH && results.length === 0;
  // The service sends at most its default number of results: a full list likely has more behind it.
  const more = !searching && !error && results.length >= CRM_SEARCH_DEFAULT_TOP;
  // The minimum length is said once it matters, not in the placeholder: a long placeholder is cut off in a narrow pane.
  const tooShort = query.trim().length > 0 && query.trim().length < MIN_QUERY_LENGTH;
  const statusText = searching
    ? t.searching
    : (error ?? (tooShort ? t.tooShort : showEmpty ? t.noResults : more ? format(t.moreResults, { count: results.length }) : ''));

  return (
    <div className={styles.root}>
      <Field label={t.typesLabel}>
        <Dropdown
          className={styles.control}
          // Inline: a popup in a portal outside <main> is content outside every landmark (axe "region").
          inlinePopup
          multiselect
          disabled={disabled}
          placeholder={t.allTypes}
          value={types.map(typeLabel).join(', ')}
          selectedOptions={types}
          onOptionSelect={(_e, data) => setTypes(data.selectedOptions as CrmObjectType[])}
        >
          {crmObjectTypes.map((type) => (
            <Option key={type} value={type}>
              {typeLabel(type)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t.searchLabel}>
        <Combobox
          id={inputId}
          className={styles.control}
          freeform
          inlinePopup
          // The chevron was a tab stop of its own that opened nothing while the box was empty: results open as one types.
          expandIcon={null}
          disabled={disabled}
          placeholder={t.searchPlaceholder}
          value={query}
          selectedOptions={[]}
          aria-describedby={statusId}
          open={open && results.length > 0}
          onOpenChange={(_e, data) => setOpen(data.open)}
          onChange={(event) => {
            changeQuery(event.target.value);
            setOpen(true);
          }}
          onOptionSelect={(_e, data) => {
            const picked = results.find((r) => resultKey(r) === data.optionValue);
            if (!picked || linkedKeys.has(resultKey(picked))) return;
            onPick(picked);
            changeQuery('');
            setOpen(false);
          }}
        >
          {results.map((r) => {
            const linked = linkedKeys.has(resultKey(r));
            const secondary = [typeLabel(r.type), r.subtitle, linked ? t.alreadyLinked : null].filter(Boolean).join(' · ');
            return (
              <Option key={resultKey(r)} value={resultKey(r)} text={`${r.name} (${secondary})`} disabled={linked}>
                <span>
                  {r.name}
                  <Caption1 className={styles.secondary}>{secondary}</Caption1>
                </span>
              </Option>
            );
          })}
        </Combobox>
      </Field>
      <div id={statusId} role="status" aria-live="polite">
        {searching ? <Spinner size="extra-tiny" labelPosition="after" label={t.searching} /> : statusText && <Caption1>{statusText}</Caption1>}
      </div>
    </div>
  );
}
