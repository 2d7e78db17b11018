// A linked record's preview card: a small button beside its chip opens it on click, Enter or Space, and on hover.
// The fields are read only when the card first opens (`load`, cached by the pane), so a pane with many links asks
// the service nothing until the user looks. Loading, failed (with "Try again") and "not yours to see" states.
import { Body1Strong, Button, Caption1, Card, CardHeader, makeStyles, Popover, PopoverSurface, PopoverTrigger, Spinner, Text, tokens } from '@fluentui/react-components';
import { InfoRegular } from '@fluentui/react-icons';
import { useCallback, useRef, useState } from 'react';
import type { Strings } from '../../addin/text/en.js';
import { format } from '../../addin/text/format.js';
import type { CrmPreview, PreviewType } from '../../shared/preview-api.js';
import { useStrings } from '../strings-context.js';
import { formatCount, formatDay, formatMoney } from './format.js';

/** What the pane knows of a record's preview: its fields, "not yours to see" (kept), or a failure (asked again on retry). */
export type PreviewOutcome = { status: 'loaded'; preview: CrmPreview } | { status: 'noAccess' } | { status: 'failed'; reason: string };

export interface PreviewCardProps {
  type: PreviewType;
  id: string;
  name: string;
  /** The record's preview (cached by the pane: a second open does not read it again). */
  load: (type: PreviewType, id: string) => Promise<PreviewOutcome>;
}

const useStyles = makeStyles({
  surface: { padding: 0, maxWidth: 'min(300px, calc(100vw - 24px))' },
  card: { minWidth: '200px' },
  fields: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  label: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  row: { display: 'contents' },
});

type Field = [label: string, value: string | null];

/** The fields a card shows per type, formatted for the pane's locale; null values say "—". */
export function previewFields(preview: CrmPreview, t: Strings['preview'], locale: string): Field[] {
  switch (preview.type) {
    case 'account': {
      const { count, more } = preview.openOpportunities;
      const place = [preview.city, preview.country].filter(Boolean).join(', ') || null;
      return [
        [t.owner, preview.owner],
        [t.city, place],
        [t.openOpportunities, more ? format(t.countMore, { count: formatCount(count, locale) }) : formatCount(count, locale)],
      ];
    }
    case 'opportunity':
      return [
        [t.phase, preview.phase],
        [t.value, preview.value ? formatMoney(preview.value.amount, preview.value.currency, locale) : null],
        [t.closeDate, preview.closeDate ? formatDay(preview.closeDate, locale) : null],
        [t.owner, preview.owner],
        [t.status, preview.status],
      ];
    case 'ticket':
      return [
        [t.status, preview.status],
        [t.priority, preview.priority],
        [t.account, preview.account],
      ];
    case 'contact':
      return [
        [t.jobTitle, preview.jobTitle],
        [t.account, preview.account],
        [t.email, preview.email],
        [t.phone, preview.phone],
      ];
  }
}

function CardBody({ outcome, retry }: { outcome: PreviewOutcome | null; retry: () => void }) {
  const { strings, locale } = useStrings();
  const t = strings.preview;
  const styles = useStyles();
  if (!outcome) return <Spinner size="tiny" labelPosition="after" label={t.loading} />;
  if (outcome.status === 'noAccess') return <Text>{t.noAccess}</Text>;
  if (outcome.status === 'failed') {
    return (
      <div>
        <Text>{format(t.failed, { reason: outcome.reason })}</Text>{' '}
        <Button size="small" onClick={retry}>
          {t.retry}
        </Button>
      </div>
    );
  }
  return (
    <dl className={styles.fields} data-testid="preview-fields">
      {previewFields(outcome.preview, t, locale).map(([label, value]) => (
        <div key={label} className={styles.row}>
          <dt>
            <Caption1 className={styles.label}>{label}</Caption1>
          </dt>
          {/* CRM data, not the pane's text: left alone by browser translation. */}
          <dd className={styles.value} translate="no">
            <Caption1>{value ?? t.none}</Caption1>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function PreviewCard({ type, id, name, load }: PreviewCardProps) {
  const { strings } = useStrings();
  const t = strings.preview;
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<PreviewOutcome | null>(null);
  const asked = useRef(0);
  // Read when the card opens (the pane's cache answers a later open at once); "Try again" shows loading again.
  const fetchPreview = useCallback(
    (showLoading: boolean) => {
      const request = ++asked.current;
      if (showLoading) setOutcome(null);
      void load(type, id).then((next) => {
        if (request === asked.current) setOutcome(next);
      });
    },
    [load, type, id],
  );
  const openChange = (next: boolean) => {
    setOpen(next);
    if (next) fetchPreview(false);
  };
  const label = format(t.show, { name });
  return (
    // Inline: a surface in a portal outside <main> is content outside every landmark (axe "region").
    <Popover open={open} onOpenChange={(_e, data) => openChange(data.open)} openOnHover mouseLeaveDelay={300} positioning="below-start" withArrow inline>
      <PopoverTrigger disableButtonEnhancement>
        <Button size="small" appearance="subtle" icon={<InfoRegular />} aria-label={label} title={label} aria-expanded={open} />
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-label={label}>
        <Card className={styles.card} appearance="subtle" data-testid="preview-card" data-preview={`${type}:${id}`}>
          <CardHeader header={<Body1Strong translate="no">{name}</Body1Strong>} description={<Caption1>{strings.types[type]}</Caption1>} />
          <div role="status" aria-live="polite">
            <CardBody outcome={outcome} retry={() => fetchPreview(true)} />
          </div>
        </Card>
      </PopoverSurface>
    </Popover>
  );
}
