/**
 * @jest-environment jsdom
 */
import { jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { LinkSearch } from '../../../src/taskpane/components/LinkSearch.js';
import type { CrmSearchResult } from '../../../src/shared/api.js';
import type { CrmObjectType } from '../../../src/shared/crm-links.js';

const porter: CrmSearchResult = { type: 'account', id: '1001', name: 'Porter LLC', subtitle: 'Berlin' };
const lee: CrmSearchResult = { type: 'contact', id: 'C7', name: 'Kim Lee', subtitle: 'Porter LLC' };

type SearchFn = (q: string, types: CrmObjectType[], signal: AbortSignal) => Promise<CrmSearchResult[]>;

function setup(search: SearchFn, linked: string[] = []) {
  const onPick = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <LinkSearch search={search} onPick={onPick} linkedKeys={new Set(linked)} debounceMs={20} />
    </FluentProvider>,
  );
  const input = screen.getByRole('combobox', { name: 'Search CRM' });
  return { onPick, input };
}

describe('LinkSearch', () => {
  it('says the minimum length once one character is typed (the short placeholder does not), and does not search', async () => {
    const search = jest.fn<SearchFn>(async () => [porter]);
    const { input } = setup(search);
    expect((input as HTMLInputElement).placeholder).toBe('Name or ID');
    expect(screen.queryByText('Type at least 2 characters.')).toBeNull();
    fireEvent.change(input, { target: { value: 'p' } });
    await screen.findByText('Type at least 2 characters.');
    fireEvent.change(input, { target: { value: 'po' } });
    await screen.findByRole('option', { name: /^Porter LLC/ });
    expect(screen.queryByText('Type at least 2 characters.')).toBeNull();
    expect(search.mock.calls.map((c) => c[0])).toEqual(['po']);
  });

  it('debounces typing into one search and cancels the superseded one', async () => {
    const signals: AbortSignal[] = [];
    const search = jest.fn<SearchFn>(async (_q, _t, signal) => {
      signals.push(signal);
      return [porter, lee];
    });
    const { input } = setup(search);
    fireEvent.change(input, { target: { value: 'p' } });
    fireEvent.change(input, { target: { value: 'po' } });
    fireEvent.change(input, { target: { value: 'por' } });
    await screen.findByRole('option', { name: /^Porter LLC/ });
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]![0]).toBe('por');
    expect(search.mock.calls[0]![1]).toEqual([]);

    fireEvent.change(input, { target: { value: 'port' } });
    await waitFor(() => expect(search).toHaveBeenCalledTimes(2));
    fireEvent.change(input, { target: { value: 'porte' } });
    // the in-flight search for "port" is aborted when "porte" replaces it
    await waitFor(() => expect(signals[1]!.aborted).toBe(true));
  });

  it('picks a result by keyboard (arrow down + enter) and clears the box', async () => {
    const { input, onPick } = setup(async () => [porter, lee]);
    fireEvent.change(input, { target: { value: 'por' } });
    await screen.findByRole('option', { name: /Kim Lee/ });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(onPick).toHaveBeenCalledTimes(1));
    expect([porter, lee]).toContainEqual(onPick.mock.calls[0]![0]);
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('shows already linked results as not pickable, and says when nothing matches', async () => {
    let answer: CrmSearchResult[] = [porter];
    const { input, onPick } = setup(async () => answer, ['account:1001']);
    fireEvent.change(input, { target: { value: 'por' } });
    const option = await screen.findByRole('option', { name: /already linked/ });
    expect(option.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(option);
    expect(onPick).not.toHaveBeenCalled();
    answer = [];
    fireEvent.change(input, { target: { value: 'zzz' } });
    expect(await screen.findByText('No matches')).toBeTruthy();
  });

  it('reports a failed search in the status line', async () => {
    const { input } = setup(async () => {
      throw new Error('offline');
    });
    fireEvent.change(input, { target: { value: 'por' } });
    expect(await screen.findByText("Search isn't available: Error: offline")).toBeTruthy();
  });

  it('passes the type filter to the search', async () => {
    const search = jest.fn<SearchFn>(async () => []);
    const { input } = setup(search);
    fireEvent.click(screen.getByRole('combobox', { name: 'Types' }));
    fireEvent.click(await screen.findByRole('menuitemcheckbox', { name: 'Opportunity' }));
    fireEvent.change(input, { target: { value: 'pumps' } });
    await waitFor(() => expect(search).toHaveBeenCalled());
    expect(search.mock.calls.at(-1)![1]).toEqual(['opportunity']);
  });
});
