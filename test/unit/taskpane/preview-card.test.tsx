/**
 * @jest-environment jsdom
 */
// The preview card: read once per record when it first opens (the pane's cache answers later opens), its states
// (loading, fields, failed with retry, no access), and its fields formatted with Intl for the pane's locale.
import { jest } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { PreviewCard, previewFields } from '../../../src/taskpane/components/PreviewCard.js';
import { createPreviewCache } from '../../../src/taskpane/hooks/usePreviews.js';
import { ApiError } from '../../../src/addin/api/errors.js';
import { StringsContext } from '../../../src/taskpane/strings-context.js';
import { stringsFor } from '../../../src/addin/text/index.js';
import type { CrmPreview, PreviewType } from '../../../src/shared/preview-api.js';

function wrap(node: ReactNode, locale = 'en-US') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <StringsContext.Provider value={{ strings: stringsFor(locale), locale }}>{node}</StringsContext.Provider>
    </FluentProvider>,
  );
}

const account: CrmPreview = { type: 'account', id: '1001', name: 'Porter LLC', city: 'Berlin', country: 'Germany', owner: 'Ava Adams', phone: null, openOpportunities: { count: 3, more: false } };
const opportunity: CrmPreview = { type: 'opportunity', id: '77', name: 'Porter – expansion', phase: 'Qualify', status: 'In Process', value: { amount: 12500, currency: 'EUR' }, closeDate: '2026-12-31', owner: 'Ava Adams', account: 'Porter LLC' };
const ticket: CrmPreview = { type: 'ticket', id: '9', name: 'Pump broken', status: 'Open', priority: 'Urgent', account: null };

describe('createPreviewCache', () => {
  it('reads a record once, keeps answers (fields, no access), asks again after a failure or when the record is re-linked', async () => {
    const read = jest.fn(async (type: PreviewType, id: string): Promise<CrmPreview> => {
      if (id === 'gone') throw new ApiError('notFound', 'no such record');
      if (id === 'flaky' && read.mock.calls.filter((c) => c[1] === 'flaky').length === 1) throw new ApiError('unreachable', 'down');
      return { ...account, type: 'account', id } as CrmPreview & { type: typeof type };
    });
    const cache = createPreviewCache(read, (e) => (e as Error).message);
    expect(await cache.load('account', '1001')).toEqual({ status: 'loaded', preview: { ...account } });
    await cache.load('account', '1001');
    expect(read).toHaveBeenCalledTimes(1);
    expect(await cache.load('account', 'gone')).toEqual({ status: 'noAccess' });
    await cache.load('account', 'gone');
    expect(read.mock.calls.filter((c) => c[1] === 'gone')).toHaveLength(1);
    expect(await cache.load('account', 'flaky')).toEqual({ status: 'failed', reason: 'down' });
    expect(await cache.load('account', 'flaky')).toMatchObject({ status: 'loaded' });
    cache.forget('account', '1001');
    await cache.load('account', '1001');
    expect(read.mock.calls.filter((c) => c[1] === '1001')).toHaveLength(2);
  });
});

describe('previewFields', () => {
  it("formats an opportunity's value, currency and close date with Intl for the pane's locale", () => {
    const en = Object.fromEntries(previewFields(opportunity, stringsFor('en-US').preview, 'en-US'));
    expect(en).toMatchObject({ Phase: 'Qualify', 'Expected value': '€12,500.00', 'Close date': 'Dec 31, 2026', Owner: 'Ava Adams' });
    const de = Object.fromEntries(previewFields(opportunity, stringsFor('de-DE').preview, 'de-DE'));
    expect(de).toMatchObject({ 'Erwarteter Wert': '12.500,00\u00a0€', Abschlussdatum: '31.12.2026' });
  });

  it("an account's owner, city and open opportunities (\"50+\" when there are more); a ticket's status and priority", () => {
    expect(previewFields(account, stringsFor('en-US').preview, 'en-US')).toEqual([
      ['Owner', 'Ava Adams'],
      ['City', 'Berlin, Germany'],
      ['Open opportunities', '3'],
    ]);
    expect(previewFields({ ...account, openOpportunities: { count: 50, more: true } }, stringsFor('en-US').preview, 'en-US')[2]).toEqual(['Open opportunities', '50+']);
    expect(previewFields(ticket, stringsFor('en-US').preview, 'en-US')).toEqual([
      ['Status', 'Open'],
      ['Priority', 'Urgent'],
      ['Account', null],
    ]);
  });
});

describe('PreviewCard', () => {
  it('reads nothing until opened; opens from the keyboard; shows loading, then the fields; a second open reads nothing', async () => {
    let answer: (o: CrmPreview) => void = () => undefined;
    const read = jest.fn((): Promise<CrmPreview> => new Promise((resolve) => (answer = resolve)));
    const cache = createPreviewCache(read, String);
    wrap(<PreviewCard type="account" id="1001" name="Porter LLC" load={(t, id) => cache.load(t, id)} />);
    expect(read).not.toHaveBeenCalled();
    const button = screen.getByRole('button', { name: 'Details of Porter LLC' });
    button.focus();
    await act(async () => fireEvent.click(button)); // Enter and Space on a button are a click
    expect(read).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('preview-card').textContent).toContain('Reading from SAP Cloud for Customer');
    await act(async () => answer(account));
    expect(screen.getByTestId('preview-fields').textContent).toBe('OwnerAva AdamsCityBerlin, GermanyOpen opportunities3');
    await act(async () => fireEvent.click(button));
    await act(async () => fireEvent.click(button));
    expect(screen.getByTestId('preview-fields').textContent).toContain('Ava Adams');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('says when the user may not see the record, and offers "Try again" after a failure', async () => {
    let fail = true;
    const read = jest.fn(async (_t: PreviewType, id: string): Promise<CrmPreview> => {
      if (id === 'hidden') throw new ApiError('notFound', 'not found');
      if (fail) throw new ApiError('unreachable', 'the service could not be reached');
      return ticket;
    });
    const cache = createPreviewCache(read, (e) => (e as Error).message);
    wrap(
      <>
        <PreviewCard type="account" id="hidden" name="Hidden Inc" load={(t, id) => cache.load(t, id)} />
        <PreviewCard type="ticket" id="9" name="Pump broken" load={(t, id) => cache.load(t, id)} />
      </>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Details of Hidden Inc' })));
    expect(screen.getByText(/can't see this record/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Details of Pump broken' })));
    expect(screen.getByText(/couldn't be read: the service could not be reached/)).toBeTruthy();
    fail = false;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    expect(screen.getAllByTestId('preview-fields').at(-1)?.textContent).toContain('Urgent');
  });
});
