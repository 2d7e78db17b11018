import { Button, Caption1, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, PersonAddRegular } from '@fluentui/react-icons';
import type { SyncListEntry, SyncListRecordType } from '../../shared/sync-list-api.js';
import { format } from '../../addin/text/format.js';
import { useStrings } from '../strings-context.js';

/** One record the pane offers (the item's linked contacts and accounts, its recognised attendees). */
export interface SyncListRow {
  type: SyncListRecordType;
  c4cId: string;
  name: string;
  origin: 'link' | 'attendee';
}

export interface SyncListSectionProps {
  rows: readonly SyncListRow[];
  /** The user's list by `${type}:${c4cId}`; null while it is being read (or could not be). */
  entries: ReadonlyMap<string, SyncListEntry> | null;
  /** Rows with a change under way. */
  busy: ReadonlySet<string>;
  /** The confirmation of the last change, announced politely. */
  announcement: string;
  onAdd: (row: SyncListRow) => void;
  onRemove: (row: SyncListRow) => void;
  disabled?: boolean;
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  name: { overflowWrap: 'anywhere' },
  secondary: { color: tokens.colorNeutralForeground2 },
  state: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  listed: { color: tokens.colorPaletteGreenForeground1 },
});

const keyOf = (row: { type: string; c4cId: string }) => `${row.type}:${row.c4cId}`;

/**
 * "My Outlook contacts": for each offered record, whether it is on the user's sync list, with the button that adds or
 * removes it. Buttons are ordinary Fluent buttons (Tab, Enter, Space); each names its record for screen readers.
 */
export function SyncListSection({ rows, entries, busy, announcement, onAdd, onRemove, disabled }: SyncListSectionProps) {
  const { strings } = useStrings();
  const t = strings.syncList;
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="sync-list-heading">
      <Subtitle2 as="h2" id="sync-list-heading">
        {t.heading}
      </Subtitle2>
      {rows.length === 0 ? (
        <Caption1 className={styles.secondary}>{t.none}</Caption1>
      ) : entries === null ? (
        <Spinner size="extra-tiny" labelPosition="after" label={t.loading} />
      ) : (
        <ul className={styles.list}>
          {rows.map((row) => {
            const key = keyOf(row);
            const entry = entries.get(key);
            const working = busy.has(key);
            const kind = row.type === 'employee' ? t.employee : strings.types[row.type];
            const detail = [kind, row.origin === 'attendee' ? t.attendee : null, entry?.source === 'rule' ? t.byRule : null].filter(Boolean).join(' · ');
            return (
              <li key={key} className={styles.row} data-sync-list-row={key}>
                <span className={styles.who}>
                  {/* CRM data, not the pane's words (browser translation and the pseudo-locale check leave it alone). */}
                  <Text className={styles.name} translate="no">
                    {row.name}
                  </Text>
                  <Caption1 className={styles.secondary}>{detail}</Caption1>
                </span>
                {entry ? (
                  <span className={styles.state}>
                    <Text className={styles.listed}>{t.listed}</Text>
                    <Button size="small" appearance="subtle" disabled={disabled || working} aria-label={format(t.removeNamed, { name: row.name })} onClick={() => onRemove(row)}>
                      {t.remove}
                    </Button>
                  </span>
                ) : (
                  <Button
                    size="small"
                    icon={working ? <Spinner size="extra-tiny" /> : <PersonAddRegular />}
                    disabled={disabled || working}
                    aria-label={format(t.addNamed, { name: row.name })}
                    onClick={() => onAdd(row)}
                  >
                    {t.add}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div role="status" aria-live="polite" className={styles.secondary}>
        {announcement && (
          <Caption1 className={styles.state}>
            <CheckmarkRegular aria-hidden />
            {announcement}
          </Caption1>
        )}
      </div>
    </section>
  );
}
