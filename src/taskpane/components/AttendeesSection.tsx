import { Button, Caption1, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { BuildingRegular, PersonAddRegular } from '@fluentui/react-icons';
import type { AttendeeAccount, AttendeeMatch } from '../../shared/people-api.js';
import { format } from '../../addin/text/format.js';
import { useStrings } from '../strings-context.js';

/** One attendee of the meeting, and what C4C knows of them (null: nothing the user may see). */
export interface AttendeeRowView {
  email: string;
  name: string | null;
  match: AttendeeMatch | null;
}

export interface AttendeesSectionProps {
  rows: readonly AttendeeRowView[];
  /** The item's primary account: its rows say so instead of offering it again. */
  primaryAccountId: string | null;
  /** Attendees (by e-mail) with a create under way. */
  busy: ReadonlySet<string>;
  /** The result of the last create, announced politely. */
  announcement: string;
  onMakePrimary: (account: AttendeeAccount) => void;
  onCreate: (row: AttendeeRowView, kind: 'contact' | 'lead') => void;
  disabled?: boolean;
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  name: { overflowWrap: 'anywhere' },
  secondary: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  primary: { color: tokens.colorPaletteGreenForeground1 },
});

/**
 * "Attendees": who of the meeting C4C knows (a colleague, the user's contact or lead, with its account), with the
 * account as the item's primary link in one click; for the others, "Create contact" (working for the item's primary
 * account) and "Create lead". Ordinary Fluent buttons (Tab, Enter, Space), each naming its person for screen readers.
 */
export function AttendeesSection({ rows, primaryAccountId, busy, announcement, onMakePrimary, onCreate, disabled }: AttendeesSectionProps) {
  const { strings } = useStrings();
  const t = strings.attendees;
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="attendees-heading">
      <Subtitle2 as="h2" id="attendees-heading">
        {t.heading}
      </Subtitle2>
      {rows.length === 0 ? (
        <Caption1 className={styles.secondary}>{t.none}</Caption1>
      ) : (
        <ul className={styles.list}>
          {rows.map((row) => {
            const who = row.name ?? row.email;
            const match = row.match;
            const kind = match ? (match.kind === 'employee' ? t.employee : strings.types[match.kind]) : t.unknown;
            const working = busy.has(row.email);
            return (
              <li key={row.email} className={styles.row} data-attendee={row.email}>
                {/* CRM and mail data, not the pane's words (browser translation and the pseudo-locale check leave it alone). */}
                <Text className={styles.name} translate="no">
                  {who}
                </Text>
                <Caption1 className={styles.secondary}>
                  {kind}
                  {match?.account ? (
                    <>
                      {' · '}
                      <span translate="no">{match.account.name}</span>
                    </>
                  ) : null}
                </Caption1>
                <span className={styles.actions}>
                  {match?.account ? (
                    match.account.id === primaryAccountId ? (
                      <Caption1 className={styles.primary}>{t.primaryAccount}</Caption1>
                    ) : (
                      <Button size="small" icon={<BuildingRegular />} disabled={disabled} aria-label={format(t.linkAccountNamed, { account: match.account.name })} onClick={() => match.account && onMakePrimary(match.account)}>
                        {t.linkAccount}
                      </Button>
                    )
                  ) : null}
                  {match ? null : (
                    <>
                      <Button size="small" icon={working ? <Spinner size="extra-tiny" /> : <PersonAddRegular />} disabled={disabled || working} aria-label={format(t.createContactNamed, { name: who })} onClick={() => onCreate(row, 'contact')}>
                        {t.createContact}
                      </Button>
                      <Button size="small" appearance="subtle" disabled={disabled || working} aria-label={format(t.createLeadNamed, { name: who })} onClick={() => onCreate(row, 'lead')}>
                        {t.createLead}
                      </Button>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div role="status" aria-live="polite" className={styles.secondary}>
        {announcement && <Caption1>{announcement}</Caption1>}
      </div>
    </section>
  );
}
