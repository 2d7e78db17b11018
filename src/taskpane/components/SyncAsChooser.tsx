import { Caption1, Field, makeStyles, Radio, RadioGroup, Spinner, tokens } from '@fluentui/react-components';
import { useStrings } from '../strings-context.js';

export type SyncAsValue = 'appointment' | 'visit' | 'none';

export interface SyncAsChooserProps {
  value: SyncAsValue;
  onChange: (value: SyncAsValue) => void;
  busy: boolean;
  disabled?: boolean;
  /** Shown under the choice, e.g. that the service set the category because Outlook can't here. */
  note?: string | null;
}

const useStyles = makeStyles({
  group: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground2 },
});

/** Appointment / Visit / Don't sync: the category the item carries (R1). */
export function SyncAsChooser({ value, onChange, busy, disabled, note }: SyncAsChooserProps) {
  const { strings } = useStrings();
  const styles = useStyles();
  return (
    <Field label={strings.syncAs.label} hint={note ?? undefined}>
      <RadioGroup
        layout="vertical"
        className={styles.group}
        value={value}
        disabled={disabled || busy}
        onChange={(_event, data) => onChange(data.value as SyncAsValue)}
        aria-busy={busy}
      >
        <Radio value="appointment" label={strings.syncAs.appointment} />
        <Radio value="visit" label={strings.syncAs.visit} />
        <Radio value="none" label={strings.syncAs.none} />
      </RadioGroup>
      {busy && <Spinner size="tiny" labelPosition="after" label={<Caption1 className={styles.note}>{strings.syncAs.saving}</Caption1>} />}
    </Field>
  );
}
