// Which of two activities made at once for one meeting both creators keep (raced-creates.ts): the same one, whichever
// order they read them in.
import { winnerOf } from '../../../src/server/adapters/c4c/raced-creates.js';

const row = (id: string, createdOn?: string) => ({ ObjectID: id, ...(createdOn === undefined ? {} : { CreatedOn: createdOn }) });

describe('raced creates: the activity every creator keeps', () => {
  it('is the earliest made (OData /Date(ms)/ or ISO), whatever the order read', () => {
    const early = row('B', '/Date(1796577882458)/');
    const late = row('A', '/Date(1796577882465)/');
    expect(winnerOf([late, early])).toBe(early);
    expect(winnerOf([early, late])).toBe(early);
    expect(winnerOf([row('Z', '2026-12-06T10:00:00Z'), row('Y', '2026-12-06T10:00:01Z')])?.ObjectID).toBe('Z');
  });

  it('ties (same instant, or no creation time) go to the lower ObjectID; nothing to keep for no rows', () => {
    expect(winnerOf([row('C2', '/Date(5)/'), row('C1', '/Date(5)/')])?.ObjectID).toBe('C1');
    expect(winnerOf([row('C2'), row('C1')])?.ObjectID).toBe('C1');
    expect(winnerOf([row('C9'), row('C5', '/Date(9)/')])?.ObjectID).toBe('C5');
    expect(winnerOf([])).toBeUndefined();
  });
});
