import { Badge, Body1, Button, Caption1, Link, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ItemStatus } from '../../shared/api.js';
import { format } from '../../addin/text/format.js';
import type { Strings } from '../../addin/text/en.js';
import { useStrings } from '../strings-context.js';
import { formatWhen } from './format.js';

// Errors that only an edit of the item clears (the service's FIXED_ONLY_BY_AN_EDIT, and a tenant setting): "Retry
// now" could never succeed, so the pane says what to change instead.
const FIXED_BY_AN_EDIT = ['allDayTooLong', 'invalidItem', 'privateVisit', 'privateRecurringNotAllowed'] as const;
type FixableCode = (typeof FIXED_BY_AN_EDIT)[number];
const isFixedByAnEdit = (code: string): code is FixableCode => (FIXED_BY_AN_EDIT as readonly string[]).includes(code);

/** The reason in the pane's language; the service's own text (C4C's wording) only where it carries the detail. */
export function errorReason(error: NonNullable<ItemStatus['error']>, s: Strings['status']): string {
  const template = (s.reasons as Record<string, string>)[error.code] ?? s.reasons.other;
  return format(template, { detail: error.message });
}

// "Synced 5 seconds ago" must not freeze: the relative time is worked out again every few seconds.
const CLOCK_TICK_MS = 5_000;
function useClock(active: boolean, fixed: Date | undefined): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active || fixed) return;
    // At once (the clock may have stood still while nothing was shown), then every few seconds.
    const first = setTimeout(() => setNow(new Date()), 0);
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, fixed]);
  return fixed ?? now;
}

export interface SyncStatusProps {
  /** null while unknown (loading, unsaved item, or the service unreachable). */
  status: ItemStatus | null;
  loading: boolean;
  /** The item has no id yet (new compose item never saved). */
  unsaved?: boolean;
  retrying: boolean;
  onRetry: () => void;
  /** The service can't be reached: a pending item waits for it, rather than "a few seconds". */
  offline?: boolean;
  now?: Date;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  detail: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  // Badges are inline labels: in the column's flex layout they stretched to the full width and looked like inputs.
  badge: { alignSelf: 'flex-start' },
});

/** Not synced / pending / synced (when, C4C ID, link) / error with "Retry now". Announced politely on change. */
export function SyncStatus({ status, loading, unsaved, retrying, onRetry, offline, now: fixedNow }: SyncStatusProps) {
  const { strings, locale } = useStrings();
  const s = strings.status;
  const styles = useStyles();
  const now = useClock(status?.state === 'synced' || status?.state === 'error', fixedNow);

  let body: React.ReactNode;
  if (loading) {
    body = <Spinner size="tiny" labelPosition="after" label={s.loading} />;
  } else if (unsaved) {
    body = <Body1 className={styles.detail}>{s.unsaved}</Body1>;
  } else if (!status) {
    body = <Badge className={styles.badge} appearance="outline" color="informative">{s.unknown}</Badge>;
  } else if (status.state === 'notSynced') {
    body = <Badge className={styles.badge} appearance="outline" color="informative">{s.notSynced}</Badge>;
  } else if (status.state === 'pending') {
    body = (
      <>
        <div className={styles.row}>
          <Spinner size="extra-tiny" aria-hidden />
          <Badge appearance="tint" color="warning">{s.pending}</Badge>
        </div>
        <Caption1 className={styles.detail}>{offline ? s.pendingOffline : s.pendingDetail}</Caption1>
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
    const code = status.error?.code ?? '';
    const fix = isFixedByAnEdit(code) ? s.fixes[code] : null;
    body = (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.error}</MessageBarTitle>
          <div>{status.error ? errorReason(status.error, s) : ''}</div>
          {fix && <div>{fix}</div>}
          {status.error?.since && <Caption1 block className={styles.detail}>{format(s.errorSince, { when: formatWhen(status.error.since, locale, now) })}</Caption1>}
        </MessageBarBody>
        {!fix && (
          <MessageBarActions>
            <Button appearance="primary" size="small" onClick={onRetry} disabledFocusable={retrying} icon={retrying ? <Spinner size="extra-tiny" /> : undefined}>
              {retrying ? s.retrying : s.retry}
            </Button>
          </MessageBarActions>
        )}
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
