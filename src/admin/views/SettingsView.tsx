// Settings: every R-setting, saved through PUT /api/admin/settings (validated and audited by the service), and the
// audit trail below.
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AuditEntryView, SettingsResponse, SettingValue } from '../../shared/admin-api.js';
import type { AdminApi } from '../api.js';
import { AuditList } from '../components/AuditList.js';
import { refusalsOf, SettingsForm } from '../components/SettingsForm.js';

export function SettingsView({ api }: { api: AdminApi }) {
  const [settings, setSettings] = useState<SettingsResponse | null>(null);
  const [audit, setAudit] = useState<AuditEntryView[]>([]);
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [status, setStatus] = useState<{ intent: 'error' | 'success'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  // A new form (its edits forgotten) after each successful save.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    Promise.all([api.settings(), api.audit()]).then(
      ([s, a]) => current && (setSettings(s), setAudit(a.entries)),
      (err: unknown) => current && setStatus({ intent: 'error', text: (err as Error).message }),
    );
    return () => void (current = false);
  }, [api, version]);

  const save = async (changes: Record<string, SettingValue>) => {
    setSaving(true);
    try {
      const answer = await api.updateSettings(changes);
      setErrors(new Map());
      setStatus({
        intent: 'success',
        text: `Saved: ${answer.changes.map((c) => `${c.setting} ${String(c.from)} → ${String(c.to)}`).join('; ') || 'nothing changed'}.${answer.rereads ? ' Every mailbox reads its items in full at its next session.' : ''}`,
      });
      // A new form and a fresh read of the settings and the audit trail.
      setVersion((v) => v + 1);
    } catch (err) {
      const message = (err as Error).message;
      setErrors(refusalsOf(message, settings?.settings.map((s) => s.name) ?? []));
      setStatus({ intent: 'error', text: `Not saved: ${message}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <p>The database holds these; the environment only seeded them at the first start. A change applies to every worker&apos;s next session, without a restart.</p>
      {status && (
        <MessageBar intent={status.intent} role="status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      {settings && settings.environmentDiffers.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>The environment sets other values for {settings.environmentDiffers.join(', ')}; the values here apply.</MessageBarBody>
        </MessageBar>
      )}
      {settings ? <SettingsForm key={version} settings={settings.settings} errors={errors} saving={saving} onSave={(c) => void save(c)} /> : <Spinner label="Loading settings" />}
      <h3>Audit trail</h3>
      <AuditList entries={audit} />
    </section>
  );
}
