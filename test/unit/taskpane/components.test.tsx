/**
 * @jest-environment jsdom
 */
import { jest } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { SyncStatus } from '../../../src/taskpane/components/SyncStatus.js';
import { SyncAsChooser } from '../../../src/taskpane/components/SyncAsChooser.js';
import { LinkChips } from '../../../src/taskpane/components/LinkChips.js';
import { ItemHeader } from '../../../src/taskpane/components/ItemHeader.js';
import { Messages } from '../../../src/taskpane/components/Messages.js';
import { StringsContext } from '../../../src/taskpane/strings-context.js';
import { stringsFor } from '../../../src/addin/text/index.js';
import type { ItemStatus } from '../../../src/shared/api.js';

function wrap(node: ReactNode, locale = 'en-US') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <StringsContext.Provider value={{ strings: stringsFor(locale), locale }}>{node}</StringsContext.Provider>
    </FluentProvider>,
  );
}

const base: ItemStatus = { itemId: 'R1', state: 'notSynced', kind: null, c4cObjectId: null, c4cId: null, c4cUrl: null, syncedAt: null, error: null };
const now = new Date('2026-11-22T10:00:00Z');

describe('SyncStatus', () => {
  it('shows not synced and pending', () => {
    const { rerender } = wrap(<SyncStatus status={base} loading={false} retrying={false} onRetry={() => undefined} />);
    expect(screen.getByRole('status').textContent).toContain('Not synced');
    rerender(
      <FluentProvider theme={webLightTheme}>
        <SyncStatus status={{ ...base, state: 'pending' }} loading={false} retrying={false} onRetry={() => undefined} />
      </FluentProvider>,
    );
    expect(screen.getByRole('status').textContent).toContain('Sync pending');
  });

  it('shows when it synced, the C4C ID and a link that opens the activity', () => {
    wrap(
      <SyncStatus
        status={{ ...base, state: 'synced', kind: 'visit', c4cId: '4711', c4cUrl: 'https://my.crm.example/visit/4711', syncedAt: '2026-11-22T09:55:00Z' }}
        loading={false}
        retrying={false}
        onRetry={() => undefined}
        now={now}
      />,
    );
    expect(screen.getByText('Synced')).toBeTruthy();
    expect(screen.getByText('Synced 5 minutes ago')).toBeTruthy();
    expect(screen.getByText('C4C ID: 4711')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Open in SAP Cloud for Customer' });
    expect(link.getAttribute('href')).toBe('https://my.crm.example/visit/4711');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('shows a passing error with its reason (in the pane\'s words) and a Retry now button', () => {
    const onRetry = jest.fn();
    wrap(
      <SyncStatus
        status={{ ...base, state: 'error', error: { code: 'temporary', message: 'C4C answered 503', since: '2026-11-22T08:00:00Z' } }}
        loading={false}
        retrying={false}
        onRetry={onRetry}
        now={now}
      />,
    );
    expect(screen.getByText('Sync failed')).toBeTruthy();
    expect(screen.getByText('SAP or Outlook did not answer. The service tries again.')).toBeTruthy();
    expect(screen.getByText('First failed 2 hours ago')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('an error only an edit can fix: what to change instead of Retry now; translated, with a relative time that reads right in German', () => {
    const error = { code: 'allDayTooLong', message: 'All-day events longer than 24 hours are not synced to SAP Cloud for Customer.', since: '2026-11-22T09:56:00Z' };
    const { unmount } = wrap(<SyncStatus status={{ ...base, state: 'error', error }} loading={false} retrying={false} onRetry={() => undefined} now={now} />);
    expect(screen.getByText(/^Make the event one day long/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
    unmount();
    wrap(<SyncStatus status={{ ...base, state: 'error', error }} loading={false} retrying={false} onRetry={() => undefined} now={now} />, 'de-DE');
    expect(screen.getByText('Ganztägige Ereignisse, die länger als 24 Stunden dauern, werden nicht mit SAP Cloud for Customer synchronisiert.')).toBeTruthy();
    expect(screen.getByText('Erster Fehler: vor 4 Minuten')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Jetzt wiederholen' })).toBeNull();
  });

  it('keeps C4C\'s own wording where it is the detail, and says a pending item waits while the service is offline', () => {
    const error = { code: 'crmRejected', message: 'Account 1001 is blocked', since: '2026-11-22T09:56:00Z' };
    const { unmount } = wrap(<SyncStatus status={{ ...base, state: 'error', error }} loading={false} retrying={false} onRetry={() => undefined} now={now} />, 'de-DE');
    expect(screen.getByText('SAP Cloud for Customer hat das Element abgelehnt: Account 1001 is blocked')).toBeTruthy();
    unmount();
    wrap(<SyncStatus status={{ ...base, state: 'pending' }} loading={false} retrying={false} onRetry={() => undefined} offline />);
    expect(screen.getByText("The sync service can't be reached now. It syncs this item when it is back.")).toBeTruthy();
    expect(screen.queryByText(/takes a few seconds/)).toBeNull();
  });

  it('asks to save an unsaved item and shows progress while loading', () => {
    const { unmount } = wrap(<SyncStatus status={null} loading={false} unsaved retrying={false} onRetry={() => undefined} />);
    expect(screen.getByText('Save the item to see its sync status.')).toBeTruthy();
    unmount();
    wrap(<SyncStatus status={null} loading retrying={false} onRetry={() => undefined} />);
    expect(screen.getByText('Checking the sync status…')).toBeTruthy();
  });
});

describe('SyncAsChooser', () => {
  it('offers Appointment / Visit / Don\'t sync; a choice is a draft until Apply', () => {
    const onChange = jest.fn();
    wrap(<SyncAsChooser value="none" onChange={onChange} busy={false} />);
    expect((screen.getByRole('radio', { name: "Don't sync" }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Apply' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByRole('radio', { name: 'Visit' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText('Apply to create a Visit in SAP Cloud for Customer.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).toHaveBeenCalledWith('visit');
  });

  it('speaks German and keeps the choice and the Apply button focusable while busy', () => {
    wrap(<SyncAsChooser value="appointment" onChange={() => undefined} busy note="Hinweis" />, 'de-DE');
    expect(screen.getByRole('radiogroup')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Besuch' }) as HTMLInputElement).disabled).toBe(false);
    const apply = screen.getByRole('button', { name: 'Übernehmen' });
    expect(apply.getAttribute('aria-disabled')).toBe('true');
    expect((apply as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText('Hinweis')).toBeTruthy();
  });
});

describe('LinkChips', () => {
  const links = [
    { type: 'account' as const, id: '1001', name: 'Porter LLC', primary: true },
    { type: 'contact' as const, id: 'C7', name: 'Kim Lee' },
    { type: 'opportunity' as const, id: '42', name: 'Pumps' },
  ];

  it('marks the primary account and removes a chip with its dismiss button', () => {
    const onRemove = jest.fn();
    wrap(<LinkChips links={links} onRemove={onRemove} onMakePrimary={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Porter LLC Account · Primary' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Pumps Opportunity Remove' }));
    expect(onRemove).toHaveBeenCalledWith(links[2]);
  });

  it('makes a contact primary; other types have no primary action', () => {
    const onMakePrimary = jest.fn();
    wrap(<LinkChips links={links} onRemove={() => undefined} onMakePrimary={onMakePrimary} />);
    const kim = screen.getByRole('button', { name: 'Kim Lee Contact' });
    expect(kim.getAttribute('aria-description')).toBe('Select to make it the primary Contact');
    fireEvent.click(kim);
    expect(onMakePrimary).toHaveBeenCalledWith(links[1]);
    fireEvent.click(screen.getByRole('button', { name: 'Pumps Opportunity' }));
    expect(onMakePrimary).toHaveBeenCalledTimes(1);
  });

  it('puts an open link beside each chip that has a C4C screen', () => {
    wrap(<LinkChips links={links} onRemove={() => undefined} onMakePrimary={() => undefined} openUrl={(l) => (l.type === 'contact' ? null : `https://c4c.example/${l.id}`)} />);
    expect(screen.getByRole('link', { name: 'Open Pumps in SAP Cloud for Customer' }).getAttribute('href')).toBe('https://c4c.example/42');
    expect(screen.getByRole('link', { name: 'Open Porter LLC in SAP Cloud for Customer' }).getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.queryByRole('link', { name: /Kim Lee/ })).toBeNull();
  });

  it('says when there are no links', () => {
    wrap(<LinkChips links={[]} onRemove={() => undefined} onMakePrimary={() => undefined} />);
    expect(screen.getByText('No links yet.')).toBeTruthy();
  });
});

describe('ItemHeader and Messages', () => {
  it('shows subject, time and organizer, with a placeholder for no subject', () => {
    wrap(<ItemHeader subject="" start={new Date('2026-11-23T09:00:00Z')} end={new Date('2026-11-23T10:00:00Z')} organizerName="Ava Adams" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('(no subject)');
    expect(screen.getByText('Organizer: Ava Adams')).toBeTruthy();
  });

  it('renders actions and dismisses messages', () => {
    const onDismiss = jest.fn();
    const onClick = jest.fn();
    wrap(<Messages messages={[{ id: 'a', intent: 'warning', text: 'Sign in please', action: { label: 'Sign in', onClick } }]} onDismiss={onDismiss} />);
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onClick).toHaveBeenCalled();
    expect(onDismiss).toHaveBeenCalledWith('a');
  });
});

describe('strings', () => {
  it('German has every English key, and command notifications fit Outlook\'s 150 characters', async () => {
    const { en } = await import('../../../src/addin/text/en.js');
    const { de } = await import('../../../src/addin/text/de.js');
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(de).sort()).toEqual(keys(en).sort());
    for (const s of [en, de]) {
      for (const done of [s.commands.doneAppointment, s.commands.doneVisit]) expect(`${done} ${s.commands.viaService}`.length).toBeLessThanOrEqual(150);
    }
  });
});
