import { Badge, Body1, Button, Caption1, Link, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import type { ItemStatus } from '../../shared/api.js';
import { format } from '../../addin/text/index.js';
import { useStrings } from '../strings-context.js';
import { formatWhen } from './format.js';

export interface SyncStatusProps {
  /** null while unknown (loading, unsaved item, or the service unreachable). */
  status: ItemStatus | null;
  loading: boolean;
  /** The item has no id yet (new compose item never saved). */
  unsaved?: boolean;
  retrying: boolean;
  onRetry: () => void;
  now?: Date;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  detail: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/** Not synced / pending / synced (when, C4C ID, link) / error with "Retry now". Announced politely on change. */
export function SyncStatus({ status, loading, unsaved, retrying, onRetry, now }: SyncStatusProps) {
  const { strings, locale } = useStrings();
  const s = strings.status;
  const styles = useStyles();

  let body: React.ReactNode;
  if (loading) {
    body = <Spinner size="tiny" labelPosition="after" label={s.loading} />;
  } else if (unsaved) {
    body = <Body1 className={styles.detail}>{s.unsaved}</Body1>;
  } else if (!status) {
    body = <Badge appearance="outline" color="informative">{s.unknown}</Badge>;
  } else if (status.state === 'notSynced') {
    body = <Badge appearance="outline" color="informative">{s.notSynced}</Badge>;
  } else if (status.state === 'pending') {
    body = (
      <>
        <div className={styles.row}>
          <Spinner size="extra-tiny" aria-hidden />
          <Badge appearance="tint" color="warning">{s.pending}</Badge>
        </div>
        <Caption1 className={styles.detail}>{s.pendingDetail}</Caption1>
      </>
    );
  } else if (status.state === 'synced') {
    body = (
      <>
        <div className={styles.row}>
          <Badge appearance="filled" color="success">{s.synced}</Badge>
          {status.syncedAt && <Caption1 className={styles.detail}>{format(s.syncedDetail, { when: formatWhen(status.syncedAt, locale, now) })}</Caption1>}
        </div>
        {status.c4cId && <Caption1 className={styles.detail}>{format(s.c4cId, { id: status.c4cId })}</Caption1>}
        {status.c4cUrl && (
          <Link href={status.c4cUrl} target="_blank" rel="noopener noreferrer">
            {s.open}
          </Link>
        )}
      </>
    );
  } else {
    body = (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.error}</MessageBarTitle>
          <div>{status.error?.message ?? ''}</div>
          {status.error?.since && <Caption1 block className={styles.detail}>{format(s.errorSince, { when: formatWhen(status.error.since, locale, now) })}</Caption1>}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" size="small" onClick={onRetry} disabled={retrying} icon={retrying ? <Spinner size="extra-tiny" /> : undefined}>
            {retrying ? s.retrying : s.retry}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }

  return (
    <section className={styles.root} aria-labelledby="sync-status-heading" aria-busy={loading || retrying}>
      <Subtitle2 as="h2" id="sync-status-heading">
        {s.heading}
      </Subtitle2>
      <div role="status" aria-live="polite" className={styles.root}>
        {body}
      </div>
    </section>
  );
}
