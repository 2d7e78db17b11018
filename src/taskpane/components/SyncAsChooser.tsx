import { Button, Caption1, Field, makeStyles, Radio, RadioGroup, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useStrings } from '../strings-context.js';

export type SyncAsValue = 'appointment' | 'visit' | 'none';

export interface SyncAsChooserProps {
  /** The category the item carries now. */
  value: SyncAsValue;
  /** Called only from the Apply button: choosing a radio (arrow keys move the choice) writes nothing. */
  onChange: (value: SyncAsValue) => void;
  busy: boolean;
  disabled?: boolean;
  /** The item already has a record in C4C (a switch of kind then cancels that record and creates the other kind: R2). */
  hasRecord?: boolean;
  /** Shown under the choice, e.g. that the service set the category because Outlook can't here. */
  note?: string | null;
  /** Why tagging this item would fail (e.g. an all-day event over 24 hours), shown before the user applies it. */
  tagWarning?: string | null;
}

const useStyles = makeStyles({
  group: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalXS },
});

/**
 * Appointment / Visit / Don't sync: the category the item carries (R1). A radio group moves its selection on arrow
 * keys, so a selection is only a draft: what it will do is said under it, and the Apply button writes it. The group
 * stays enabled while saving and the button stays focusable, so focus never falls to the page.
 */
export function SyncAsChooser({ value, onChange, busy, disabled, hasRecord, note, tagWarning }: SyncAsChooserProps) {
  const { strings } = useStrings();
  const t = strings.syncAs;
  const styles = useStyles();
  const [draft, setDraft] = useState<SyncAsValue>(value);
  // The applied value changed (applied, put back after a failure, or another item): the draft follows it.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const changed = draft !== value;
  let consequence: string | null = null;
  if (changed) {
    if (draft === 'none') consequence = t.consequence.none;
    else if (value !== 'none' && hasRecord) consequence = draft === 'visit' ? t.consequence.switchToVisit : t.consequence.switchToAppointment;
    else consequence = t.consequence[draft];
  }
  const warning = changed && draft !== 'none' ? (tagWarning ?? null) : null;
  const hint = [consequence, note].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <Field label={t.label} hint={hint} validationState={warning ? 'warning' : 'none'} validationMessage={warning ?? undefined}>
        <RadioGroup layout="vertical" className={styles.group} value={draft} disabled={disabled} onChange={(_event, data) => setDraft(data.value as SyncAsValue)} aria-busy={busy}>
          <Radio value="appointment" label={t.appointment} />
          <Radio value="visit" label={t.visit} />
          <Radio value="none" label={t.none} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        {/* disabledFocusable: a button disabled under the user's focus would drop focus to the page body. */}
        <Button appearance={changed ? 'primary' : 'secondary'} size="small" disabledFocusable={!changed || busy || disabled} onClick={() => onChange(draft)}>
          {t.apply}
        </Button>
        {busy && <Spinner size="tiny" labelPosition="after" label={<Caption1 className={styles.note}>{t.saving}</Caption1>} />}
      </div>
    </div>
  );
}
