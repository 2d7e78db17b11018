import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMailbox, installOutlookMock } from '../addin/outlook-mock.js';

const { createSyncCommand } = await import('../../../src/commands/sync-command.js');
const { COMMAND_FUNCTIONS, registerCommands } = await import('../../../src/commands/register.js');
const { applySyncKind } = await import('../../../src/addin/sync-as.js');
const { showNotification } = await import('../../../src/addin/office/notifications.js');
const { stringsFor } = await import('../../../src/addin/text/index.js');
const { describeError } = await import('../../../src/addin/describe-error.js');
type Deps = import('../../../src/commands/sync-command.js').CommandDeps;

const strings = stringsFor('en-US');
const names = { appointment: 'SAP Cloud for Customer', visit: 'Visit' };

function eventSpy() {
  return { completed: jest.fn() };
}

function fakeDeps(overrides: Partial<Deps> = {}): Deps & { notes: [string, string][] } {
  const notes: [string, string][] = [];
  return {
    notes,
    strings,
    applySyncKind: async () => ({ via: 'office', itemId: 'R1' }),
    notify: async (kind, message) => void notes.push([kind, message]),
    describeError: (e) => String(e),
    ...overrides,
  };
}

describe('ribbon commands: each path completes exactly once', () => {
  it('success: progress, then the outcome', async () => {
    const deps = fakeDeps();
    const event = eventSpy();
    await createSyncCommand('visit', async () => deps)(event);
    expect(deps.notes).toEqual([
      ['progress', strings.commands.working],
      ['info', strings.commands.doneVisit],
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('service fallback says so', async () => {
    const deps = fakeDeps({ applySyncKind: async () => ({ via: 'service', itemId: 'R1' }) });
    const event = eventSpy();
    await createSyncCommand('appointment', async () => deps)(event);
    expect(deps.notes.at(-1)).toEqual(['info', `${strings.commands.doneAppointment} ${strings.commands.viaService}`]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('failure: an error notification', async () => {
    const deps = fakeDeps({ applySyncKind: async () => { throw new Error('nope'); } });
    const event = eventSpy();
    await createSyncCommand('appointment', async () => deps)(event);
    expect(deps.notes.at(-1)).toEqual(['error', "Couldn't tag the item for SAP: Error: nope"]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('notifications failing too, or no dependencies at all, still complete once', async () => {
    const event = eventSpy();
    await createSyncCommand('visit', async () => fakeDeps({ notify: async () => { throw new Error('bar gone'); } }))(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    const orphan = eventSpy();
    await createSyncCommand('visit', async () => { throw new Error('Office not ready'); })(orphan);
    expect(orphan.completed).toHaveBeenCalledTimes(1);
  });

  it('registers a handler for every FunctionName in the manifest', () => {
    const manifest = readFileSync(join(import.meta.dirname, '../../../manifest.xml'), 'utf8');
    const inManifest = new Set([...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]));
    expect([...inManifest].sort()).toEqual(Object.keys(COMMAND_FUNCTIONS).sort());
    installOutlookMock(fakeMailbox());
    const associated: string[] = [];
    (globalThis as unknown as { Office: { actions: unknown } }).Office.actions = { associate: (name: string) => associated.push(name) };
    registerCommands(async () => fakeDeps());
    expect(associated.sort()).toEqual(Object.keys(COMMAND_FUNCTIONS).sort());
    expect(typeof (globalThis as unknown as Record<string, unknown>).syncAsVisit).toBe('function');
  });
});

describe('ribbon commands against an Outlook mailbox (office-addin-mock)', () => {
  function realDeps(api: null = null): Deps {
    return {
      strings,
      applySyncKind: (kind) => applySyncKind(kind, { names, api }),
      notify: (kind, message) => showNotification('cmd', kind, message),
      describeError: (e) => describeError(e, strings),
    };
  }

  it('tags the organizer\'s appointment as a Visit and reports it on the item', async () => {
    const box = fakeMailbox();
    installOutlookMock(box);
    const event = eventSpy();
    await createSyncCommand('visit', async () => realDeps())(event);
    expect(box.categories).toEqual(['Visit']);
    expect(box.master).toEqual([{ displayName: 'Visit', color: 'Preset4' }]);
    expect(box.notifications.cmd).toEqual({ type: 'informationalMessage', message: strings.commands.doneVisit });
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('reports an error where Outlook cannot set categories and the service is not available', async () => {
    const box = fakeMailbox({ mode: 'compose', platform: 'OfficeOnline' });
    installOutlookMock(box);
    const event = eventSpy();
    await createSyncCommand('appointment', async () => realDeps())(event);
    expect(box.categories).toEqual([]);
    expect(box.notifications.cmd?.type).toBe('errorMessage');
    expect(event.completed).toHaveBeenCalledTimes(1);
  });
});
