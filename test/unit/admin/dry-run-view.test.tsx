/**
 * @jest-environment jsdom
 */
// The console's dry run: proposed settings typed as `NAME=value` lines are sent typed as a save sends them, and the
// answer is shown per family in words, with the families not previewed and their reason.
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { DryRunResponse } from '../../../src/shared/admin-api.js';
import { DryRunResult } from '../../../src/admin/components/DryRunResult.js';
import { proposedSettings } from '../../../src/admin/views/DryRunView.js';

describe('proposedSettings', () => {
  it('reads NAME=value lines, numbers and true/false typed, and skips lines without a name', () => {
    expect(proposedSettings('CONFLICT_WINNER=crm\n DELETE_GUARD_LIMIT = 40\nSYNC_PRIVATE_RECURRING=true\n=x\nnonsense\nCATEGORY_VISIT=Kunden=Besuch')).toEqual({
      CONFLICT_WINNER: 'crm',
      DELETE_GUARD_LIMIT: 40,
      SYNC_PRIVATE_RECURRING: true,
      CATEGORY_VISIT: 'Kunden=Besuch',
    });
  });
});

describe('DryRunResult', () => {
  // jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one.
  beforeAll(() => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  });

  it('names the actions in words, the held count, the families not previewed and the first items', () => {
    const result: DryRunResponse = {
      mailbox: { mailboxId: 'ben', email: 'ben@example.com', enrolled: false },
      settingChanges: [{ setting: 'CONFLICT_WINNER', from: 'outlook', to: 'crm' }],
      families: [
        { family: 'calendar', previewed: true, fullRead: true, read: { outlook: 12, crm: 0 }, actions: { createCrm: 3, cancelCrm: 1 }, held: 0, warnings: {}, wouldCreate: [], notes: [] },
        { family: 'contacts', previewed: true, fullRead: true, read: { outlook: 0, crm: 2 }, actions: { createOutlook: 2 }, held: 0, warnings: {}, wouldCreate: ["contact folder 'CRM contacts'"], notes: ['the sync list rule is evaluated by the session'] },
        { family: 'tasks', previewed: false, reason: 'its first read would write' },
      ],
      items: [{ family: 'calendar', pairId: 'p1', kind: 'appointment', actions: ['createCrm'], held: false, outlookId: 'AAMk1', crmObjectId: null }],
      itemCount: 4,
    };
    render(
      <FluentProvider theme={webLightTheme}>
        <DryRunResult result={result} />
      </FluentProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Dry run of ben@example.com (not enrolled): 4 items to act on, with CONFLICT_WINNER outlook → crm. Nothing was written.');
    const table = screen.getByRole('table', { name: 'What the session would do: calendar' });
    expect(table.textContent).toContain('create in C4C3');
    expect(table.textContent).toContain('cancel in C4C1');
    expect(table.textContent).toContain('held by the guard0');
    expect(screen.getByText('tasks: its first read would write.')).toBeTruthy();
    const contacts = screen.getByRole('table', { name: 'What the session would do: contacts' });
    expect(contacts.textContent).toContain("would create contact folder 'CRM contacts'");
    expect(contacts.textContent).toContain('the sync list rule is evaluated by the session');
    expect(screen.getByRole('table', { name: 'First items' }).textContent).toContain('calendar appointmentcreate in C4CAAMk1—');
  });
});
