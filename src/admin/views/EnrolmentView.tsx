// Enrolment: which C4C employees are synced. The admin edits a policy, previews what it would change (POST
// /api/admin/enrolment/preview, which writes nothing) and applies it after reading the preview (PUT, audited).
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { EnrolmentPolicy, EnrolmentPreview, EnrolmentResponse } from '../../shared/admin-api.js';
import type { AdminApi } from '../api.js';
import { describePolicy, draftOf, EnrolmentForm } from '../components/EnrolmentForm.js';
import { when } from '../components/format.js';

export function EnrolmentView({ api }: { api: AdminApi }) {
  const [current, setCurrent] = useState<EnrolmentResponse | null>(null);
  const [preview, setPreview] = useState<EnrolmentPreview | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A new form after each apply.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.enrolment().then(
      (e) => live && setCurrent(e),
      (err: unknown) => live && setRefusal((err as Error).message),
    );
    return () => void (live = false);
  }, [api, version]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setRefusal(null);
    try {
      await work();
    } catch (err) {
      setPreview(null);
      setRefusal((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const previewOf = (policy: EnrolmentPolicy) => run(async () => setPreview(await api.previewEnrolment(policy)));
  const apply = (policy: EnrolmentPolicy) =>
    run(async () => {
      const applied = await api.applyEnrolment(policy);
      setPreview(null);
      setStatus(`Applied: ${applied.added.count} added, ${applied.removed.count} removed. The workers follow it within a minute.`);
      setVersion((v) => v + 1);
    });

  return (
    <section aria-labelledby="enrolment-heading">
      <h2 id="enrolment-heading">Enrolment</h2>
      {status && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{status}</MessageBarBody>
        </MessageBar>
      )}
      {current ? (
        <>
          <p>
            Synced now: {describePolicy(current.policy)}, {current.enrolled} mailbox{current.enrolled === 1 ? '' : 'es'} enrolled and {current.notEnrolled} not.
            {current.updatedAt ? ` Applied ${when(current.updatedAt)} by ${current.updatedBy ?? 'an admin'}.` : ''} A mailbox enrolled or removed by hand on the Mailboxes tab keeps that until the next policy is applied.
          </p>
          <EnrolmentForm key={version} initial={draftOf(current.policy)} refusal={refusal} busy={busy} preview={preview} onPreview={(p) => void previewOf(p)} onApply={(p) => void apply(p)} onCancel={() => setPreview(null)} />
        </>
      ) : refusal ? (
        <MessageBar intent="error">
          <MessageBarBody>{refusal}</MessageBarBody>
        </MessageBar>
      ) : (
        <Spinner label="Loading the enrolment policy" />
      )}
    </section>
  );
}
