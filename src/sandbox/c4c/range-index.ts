// A sorted (number, ObjectID) index on one numeric property of one entity set (a change stamp such as
// EntityLastChangedOn, held as ms), so that the tenant-wide change query `EntityLastChangedOn ge …` is a binary
// search instead of a scan of every activity, as a real C4C answers it from a database index. Rows without a number
// in the property are not in it: a comparison never matches them (filter-compile.ts). Built on first use, kept up
// to date on every write after that (store-indexes.ts). New stamps are the newest, so most inserts land at the end.
export class RangeIndex {
  private keys: number[] = [];
  private ids: string[] = [];

  build(entries: Iterable<[number, string]>): void {
    const pairs = [...entries].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    this.keys = pairs.map((p) => p[0]);
    this.ids = pairs.map((p) => p[1]);
  }

  get size(): number {
    return this.keys.length;
  }

  /** First position whose (key, id) is not less than (key, id). */
  private lowerBound(key: number, id = ''): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid] ?? 0;
      if (k < key || (k === key && (this.ids[mid] ?? '') < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(value: number, id: string): void {
    const at = this.lowerBound(value, id);
    this.keys.splice(at, 0, value);
    this.ids.splice(at, 0, id);
  }

  remove(value: number, id: string): void {
    const at = this.lowerBound(value, id);
    if (this.keys[at] === value && this.ids[at] === id) {
      this.keys.splice(at, 1);
      this.ids.splice(at, 1);
    }
  }

  /** ObjectIDs whose value is above `bound` (or equal to it, when inclusive), in value order. */
  from(bound: number, inclusive: boolean): string[] {
    let at = this.lowerBound(bound);
    if (!inclusive) while (at < this.keys.length && this.keys[at] === bound) at += 1;
    return this.ids.slice(at);
  }
}
