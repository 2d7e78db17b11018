/**
 * @jest-environment jsdom
 */
// The pane's side of the CRM search: typographic quotes folded, results of the item's linked account first, and a
// hint when the list is as long as the service sends (more matches behind it).
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { LinkSearch } from '../../../src/taskpane/components/LinkSearch.js';
import { rankResults } from '../../../src/taskpane/hooks/useLinks.js';
import { foldQuotes } from '../../../src/shared/search-text.js';
import { CRM_SEARCH_DEFAULT_TOP, type CrmSearchResult } from '../../../src/shared/api.js';

describe('CRM search in the pane', () => {
  it('folds typographic quotes to the plain ones', () => {
    expect(foldQuotes('O’Brien')).toBe("O'Brien");
    expect(foldQuotes('“Acme” ‘x’')).toBe(`"Acme" 'x'`);
  });

  it('ranks the linked account and what belongs to it first, otherwise keeps the order', () => {
    const other: CrmSearchResult = { type: 'contact', id: 'C1', name: 'Kim Porter', subtitle: 'Globex' };
    const ours: CrmSearchResult = { type: 'contact', id: 'C2', name: 'Lee Porter', subtitle: 'Porter LLC' };
    const account: CrmSearchResult = { type: 'account', id: '1001', name: 'Porter LLC', subtitle: 'Berlin' };
    const opportunity: CrmSearchResult = { type: 'opportunity', id: 'O1', name: 'Porter renewal', subtitle: 'Porter LLC' };
    const ranked = rankResults([other, ours, account, opportunity], [{ type: 'account', id: '1001', name: 'Porter LLC', primary: true }]);
    expect(ranked.map((r) => r.id)).toEqual(['C2', '1001', 'O1', 'C1']);
    expect(rankResults([other, ours], []).map((r) => r.id)).toEqual(['C1', 'C2']);
  });

  it('says when there are more matches than shown', async () => {
    const many = Array.from({ length: CRM_SEARCH_DEFAULT_TOP }, (_, i): CrmSearchResult => ({ type: 'account', id: `A${i}`, name: `Acme ${i}` }));
    render(
      <FluentProvider theme={webLightTheme}>
        <LinkSearch search={async () => many} onPick={() => undefined} linkedKeys={new Set()} debounceMs={5} />
      </FluentProvider>,
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Search CRM' }), { target: { value: 'acme' } });
    expect(await screen.findByText(`Showing the first ${CRM_SEARCH_DEFAULT_TOP} matches. Type more of the name to narrow them down.`)).toBeTruthy();
  });
});
