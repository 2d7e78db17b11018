// Dry run: a mailbox (enrolled or not) and, optionally, proposed settings (one `NAME=value` a line, checked as a save
// would check them); the service answers what the next session would do, writing nothing.
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { DryRunResponse } from '../../shared/admin-api.js';
import type { AdminApi } from '../api.js';
import { DryRunResult } from '../components/DryRunResult.js';

/** `NAME=value` lines → settings (a value that reads as a number or true/false is sent as one). */
export function proposedSettings(text: string): Record<string, string | number | boolean> {
  const settings: Record<string, string | number | boolean> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const value = line.slice(at + 1).trim();
    settings[line.slice(0, at).trim()] = value === 'true' ? true : value === 'false' ? false : /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return settings;
}

export function DryRunView({ api }: { api: AdminApi }) {
  const [mailbox, setMailbox] = useState('');
  const [settings, setSettings] = useState('');
  const [result, setResult] = useState<DryRunResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const proposed = proposedSettings(settings);
      setResult(await api.dryRun(mailbox.trim(), Object.keys(proposed).length > 0 ? proposed : undefined));
    } catch (err) {
      setResult(null);
      setError((err as Error).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section aria-labelledby="dry-run-heading">
      <h2 id="dry-run-heading">Dry run</h2>
      <p>What the next session of a mailbox would do (for a mailbox not enrolled yet: its first session), under the settings as saved or with the changes below. Nothing is written to Outlook, C4C or the service&apos;s database.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Field label="Mailbox (e-mail address or id)" required>
          <Input value={mailbox} onChange={(_e, d) => setMailbox(d.value)} />
        </Field>
        <Field label="Proposed settings (optional, one NAME=value a line)">
          <Textarea value={settings} onChange={(_e, d) => setSettings(d.value)} placeholder="CONFLICT_WINNER=crm" />
        </Field>
        <Button type="submit" appearance="primary" disabled={running || mailbox.trim() === ''}>
          Run the dry run
        </Button>
      </form>
      {running && <Spinner label="Reading the mailbox" />}
      {error && (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{`Not run: ${error}`}</MessageBarBody>
        </MessageBar>
      )}
      {result && <DryRunResult result={result} />}
    </section>
  );
}
