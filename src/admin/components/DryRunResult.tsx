// What a dry run found (POST /api/admin/dry-run): per family the reads and the actions by kind, then the first items
// with something to do (ids, kinds and actions only: the console shows no item content).
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { DryRunResponse } from '../../shared/admin-api.js';

/** The engine's action types in words, in the order the console lists them. */
export const ACTION_NAMES: Record<string, string> = {
  createCrm: 'create in C4C',
  createOutlook: 'create in Outlook',
  updateCrm: 'update in C4C',
  updateOutlook: 'update in Outlook',
  cancelCrm: 'cancel in C4C',
  deleteOutlook: 'delete in Outlook',
  removeCategoryAndNotify: 'untag in Outlook (with a notice)',
  unlink: 'stop mirroring (category removed)',
  markError: 'mark as in error',
  clearError: 'clear the error',
};

const named = (type: string): string => ACTION_NAMES[type] ?? type;

export function DryRunResult({ result }: { result: DryRunResponse }) {
  const who = `${result.mailbox.email}${result.mailbox.enrolled ? '' : ' (not enrolled)'}`;
  return (
    <div data-dry-run={result.mailbox.mailboxId}>
      <MessageBar intent="info" role="status">
        <MessageBarBody>
          {`Dry run of ${who}: ${result.itemCount} item${result.itemCount === 1 ? '' : 's'} to act on${result.settingChanges.length > 0 ? `, with ${result.settingChanges.map((c) => `${c.setting} ${String(c.from)} → ${String(c.to)}`).join('; ')}` : ''}. Nothing was written.`}
        </MessageBarBody>
      </MessageBar>
      {result.families.map((f) =>
        f.previewed ? (
          <table key={f.family} aria-label={`What the session would do: ${f.family}`}>
            <caption style={{ textAlign: 'left' }}>{`${f.family}: reads ${f.fullRead ? 'everything in the window' : 'the changes since the last session'} (${f.read.outlook} in the mailbox, ${f.read.crm} in C4C)`}</caption>
            <tbody>
              {Object.entries(f.actions).map(([type, n]) => (
                <tr key={type}>
                  <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                    {named(type)}
                  </th>
                  <td>{n}</td>
                </tr>
              ))}
              <tr>
                <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                  held by the guard
                </th>
                <td>{f.held}</td>
              </tr>
              {/* What the first session makes before it reads (read as empty here), and what the dry run could not see. */}
              {[...f.wouldCreate.map((what) => `would create ${what}`), ...f.notes].map((line) => (
                <tr key={line}>
                  <td colSpan={2}>{line}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p key={f.family}>{`${f.family}: ${f.reason}.`}</p>
        ),
      )}
      {result.items.length > 0 && (
        <table aria-label="First items">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Actions</th>
              <th scope="col">Outlook id</th>
              <th scope="col">C4C id</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((i) => (
              <tr key={i.pairId}>
                <td>{`${i.family} ${i.kind}`}</td>
                <td>{`${i.actions.map(named).join(', ')}${i.held ? ' (held)' : ''}`}</td>
                <td style={{ wordBreak: 'break-all' }}>{i.outlookId ?? '—'}</td>
                <td>{i.crmObjectId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
