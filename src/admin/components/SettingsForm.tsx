// The R-settings as a form: each setting's current value, the environment's when it differs, and whether a change
// applies at the next session or at the workers' restart. Only changed values are sent; the service validates them
// and names each refused one (`NAME: why`), shown next to its field.
import { Button, Checkbox, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import type { Setting, SettingValue } from '../../shared/admin-api.js';

export interface SettingsFormProps {
  settings: readonly Setting[];
  /** Refusals by setting name, from the last save. */
  errors: ReadonlyMap<string, string>;
  saving: boolean;
  onSave(changes: Record<string, SettingValue>): void;
}

function parse(original: SettingValue, text: string): SettingValue {
  // Whole numbers go as numbers; anything else as typed (the service says why it is refused).
  return typeof original === 'number' && /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

export function SettingsForm({ settings, errors, saving, onSave }: SettingsFormProps) {
  const [edits, setEdits] = useState<Record<string, SettingValue>>({});
  const value = (s: Setting): SettingValue => (s.name in edits ? edits[s.name]! : s.value);
  const changed = Object.fromEntries(Object.entries(edits).filter(([name, v]) => settings.find((s) => s.name === name)?.value !== v));
  return (
    <form
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(changed);
      }}
      style={{ display: 'grid', gap: 12, maxWidth: 640 }}
    >
      {settings.map((s) => {
        const hint = [
          s.effect === 'restart' ? 'applies when the workers restart' : 'applies at the next session',
          s.environmentDiffers ? `the environment sets ${String(s.environment)} (the value here applies)` : null,
        ]
          .filter(Boolean)
          .join('; ');
        const error = errors.get(s.name);
        return typeof s.value === 'boolean' ? (
          <Field key={s.name} hint={hint} validationMessage={error} validationState={error ? 'error' : 'none'}>
            <Checkbox label={s.name} checked={value(s) === true} onChange={(_e, d) => setEdits((x) => ({ ...x, [s.name]: d.checked === true }))} />
          </Field>
        ) : (
          <Field key={s.name} label={s.name} hint={hint} validationMessage={error} validationState={error ? 'error' : 'none'}>
            <Input name={s.name} value={String(value(s))} onChange={(_e, d) => setEdits((x) => ({ ...x, [s.name]: parse(s.value, d.value) }))} />
          </Field>
        );
      })}
      <div>
        <Button appearance="primary" type="submit" disabled={saving || Object.keys(changed).length === 0}>
          Save changes
        </Button>
      </div>
    </form>
  );
}

/** `A: why; B: why` (the service's 400 message) → a refusal per setting name; unnamed text under `''`. */
export function refusalsOf(message: string, names: readonly string[]): Map<string, string> {
  const refusals = new Map<string, string>();
  for (const part of message.split('; ')) {
    const name = names.find((n) => part.startsWith(`${n}: `) || part.startsWith(`${n} `));
    refusals.set(name ?? '', name ? part.slice(name.length).replace(/^:?\s*/, '') : part);
  }
  return refusals;
}
