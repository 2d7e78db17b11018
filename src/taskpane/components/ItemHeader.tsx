import { Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { format } from '../../addin/text/format.js';
import { useStrings } from '../strings-context.js';
import { formatRange } from './format.js';

export interface ItemHeaderProps {
  subject: string;
  start: Date | null;
  end: Date | null;
  organizerName: string | null;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  subject: { overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/** The current item: subject, time and organizer. */
export function ItemHeader({ subject, start, end, organizerName }: ItemHeaderProps) {
  const { strings, locale } = useStrings();
  const styles = useStyles();
  return (
    <header className={styles.root}>
      {/* The subject is the user's own text: translate="no" keeps browser translation (and the pseudo-locale check) off it. */}
      <Subtitle2 as="h1" className={styles.subject} translate={subject.trim() ? 'no' : undefined}>
        {subject.trim() || strings.item.untitled}
      </Subtitle2>
      <Caption1 className={styles.meta}>{formatRange(start, end, locale) ?? strings.item.noTime}</Caption1>
      {organizerName && <Caption1 className={styles.meta}>{format(strings.item.organizer, { name: organizerName })}</Caption1>}
    </header>
  );
}
