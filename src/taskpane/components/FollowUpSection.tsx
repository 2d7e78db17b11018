import { Button, Caption1, Field, Input, Link, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { TaskListAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { format } from '../../addin/text/format.js';
import { useStrings } from '../strings-context.js';

export interface FollowUpSectionProps {
  /** The due day offered (YYYY-MM-DD); the user may change it or clear it. */
  defaultDueDate: string;
  /** The item's primary account the task will be linked to, or null. */
  accountName: string | null;
  busy: boolean;
  /** The task made from this item, once made. */
  created: { id: string; url: string | null } | null;
  onCreate: (dueDate: string) => void;
  disabled?: boolean;
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  secondary: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  button: { alignSelf: 'flex-start', maxWidth: '100%' },
});

/** "Create follow-up task in C4C": a due day and one button; the created task's number and its C4C screen. */
export function FollowUpSection({ defaultDueDate, accountName, busy, created, onCreate, disabled }: FollowUpSectionProps) {
  const { strings } = useStrings();
  const t = strings.followUp;
  const styles = useStyles();
  // Another item's day comes with a new section (PeopleSection keys it by the day).
  const [due, setDue] = useState(defaultDueDate);
  return (
    <section className={styles.section} aria-labelledby="follow-up-heading">
      <Subtitle2 as="h2" id="follow-up-heading">
        {t.heading}
      </Subtitle2>
      <Field label={t.due}>
        <Input type="date" value={due} onChange={(_, data) => setDue(data.value)} disabled={disabled || busy} />
      </Field>
      <Caption1 className={styles.secondary}>{accountName ? format(t.linkedTo, { account: accountName }) : t.noAccount}</Caption1>
      <Button className={styles.button} icon={busy ? <Spinner size="extra-tiny" /> : <TaskListAddRegular />} disabled={disabled || busy} onClick={() => onCreate(due)}>
        {t.create}
      </Button>
      <div role="status" aria-live="polite">
        {created && (
          <Caption1>
            {format(t.created, { id: created.id })}{' '}
            {created.url && (
              <Link href={created.url} target="_blank" rel="noopener noreferrer">
                {t.open}
              </Link>
            )}
          </Caption1>
        )}
      </div>
    </section>
  );
}
