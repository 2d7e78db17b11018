// The enrolment policy's form and the preview of a proposed policy. Prop-driven: the view fetches, previews and
// applies. The preview is the confirmation step: nothing is applied until the admin presses its Apply button.
import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { EnrolmentMode, EnrolmentPolicy, EnrolmentPreview } from '../../shared/admin-api.js';

export interface EnrolmentDraft {
  mode: EnrolmentMode;
  groupId: string;
  /** Addresses as typed: one a line, or separated by commas or spaces. */
  emails: string;
}

export const draftOf = (policy: EnrolmentPolicy): EnrolmentDraft => ({
  mode: policy.mode,
  groupId: policy.mode === 'group' ? policy.groupId : '',
  emails: policy.mode === 'list' ? policy.emails.join('\n') : '',
});

/** The policy the draft describes; the service checks it (and names the field if it is wrong). */
export function policyOf(draft: EnrolmentDraft): EnrolmentPolicy {
  if (draft.mode === 'group') return { mode: 'group', groupId: draft.groupId.trim() };
  if (draft.mode === 'list') return { mode: 'list', emails: draft.emails.split(/[\s,;]+/).filter(Boolean) };
  return { mode: 'all' };
}

export function describePolicy(policy: EnrolmentPolicy): string {
  if (policy.mode === 'group') return `members of the Entra group ${policy.groupId}`;
  if (policy.mode === 'list') return `the ${policy.emails.length} listed address${policy.emails.length === 1 ? '' : 'es'}`;
  return 'all C4C employees';
}

export interface EnrolmentFormProps {
  initial: EnrolmentDraft;
  /** The service's refusal, shown under the field it names (`policy.groupId: …`). */
  refusal: string | null;
  busy: boolean;
  preview: EnrolmentPreview | null;
  onPreview(policy: EnrolmentPolicy): void;
  onApply(policy: EnrolmentPolicy): void;
  onCancel(): void;
}

const names = (people: EnrolmentPreview['added']): string =>
  people.count === 0 ? '' : `: ${people.first.map((p) => p.displayName || p.email).join(', ')}${people.count > people.first.length ? ` and ${people.count - people.first.length} more` : ''}`;

export function EnrolmentForm({ initial, refusal, busy, preview, onPreview, onApply, onCancel }: EnrolmentFormProps) {
  const [draft, setDraft] = useState<EnrolmentDraft>(initial);
  const fieldError = (field: string) => (refusal?.startsWith(`policy.${field}`) ? refusal : undefined);
  const change = (next: Partial<EnrolmentDraft>) => {
    setDraft({ ...draft, ...next });
    // An edited proposal needs a new preview before it can be applied.
    if (preview) onCancel();
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), onPreview(policyOf(draft)))} aria-label="Enrolment policy">
      <Field label="Who is enrolled" validationMessage={fieldError('mode')}>
        <RadioGroup value={draft.mode} onChange={(_e, d) => change({ mode: d.value as EnrolmentMode })}>
          <Radio value="all" label="All C4C employees" />
          <Radio value="group" label="Members of an Entra group" />
          <Radio value="list" label="The addresses listed" />
        </RadioGroup>
      </Field>
      {draft.mode === 'group' && (
        <Field label="The group's object id" hint="Entra ID › Groups › the group › Object ID; members of nested groups count too." validationMessage={fieldError('groupId')}>
          <Input value={draft.groupId} onChange={(_e, d) => change({ groupId: d.value })} />
        </Field>
      )}
      {draft.mode === 'list' && (
        <Field label="E-mail addresses" hint="One a line (or separated by commas)." validationMessage={fieldError('emails')}>
          <Textarea value={draft.emails} resize="vertical" rows={5} onChange={(_e, d) => change({ emails: d.value })} />
        </Field>
      )}
      {refusal && !['mode', 'groupId', 'emails'].some((f) => fieldError(f)) && (
        <MessageBar intent="error">
          <MessageBarBody>{refusal}</MessageBarBody>
        </MessageBar>
      )}
      <div style={{ marginTop: 8 }}>
        <Button type="submit" disabled={busy}>
          Preview
        </Button>
      </div>
      {preview && (
        <section aria-label="Preview" style={{ marginTop: 12 }}>
          <h3>If you apply this policy</h3>
          <ul>
            <li>Added: {preview.added.count}{names(preview.added)}</li>
            <li>Removed: {preview.removed.count}{names(preview.removed)} (they stop syncing and their sync state is forgotten; nothing is deleted in Outlook or C4C)</li>
            <li>Unchanged: {preview.stays.count}</li>
          </ul>
          {preview.unknownAddresses.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>No C4C employee of the tenant has these addresses: {preview.unknownAddresses.join(', ')}.</MessageBarBody>
            </MessageBar>
          )}
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button appearance="primary" disabled={busy} onClick={() => onApply(preview.policy)}>
              Apply: add {preview.added.count}, remove {preview.removed.count}
            </Button>
            <Button disabled={busy} onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </section>
      )}
    </form>
  );
}
