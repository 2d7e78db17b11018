// A sorted (lower-cased value, ObjectID) index on one property of one entity set, so that startswith / eq 'x*'
// over 100,000 rows is two binary searches instead of a scan. Kept up to date on every write once built.
export class SortedIndex {
  private keys: string[] = [];
  private ids: string[] = [];

  build(entries: Iterable<[string, string]>): void {
    const pairs = [...entries].map(([value, id]) => [value.toLowerCase(), id] as const);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    this.keys = pairs.map((p) => p[0]);
    this.ids = pairs.map((p) => p[1]);
  }

  get size(): number {
    return this.keys.length;
  }

  /** First position whose (key, id) is not less than (key, id). */
  private lowerBound(key: string, id = ''): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid] ?? '';
      if (k < key || (k === key && (this.ids[mid] ?? '') < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(value: string, id: string): void {
    const key = value.toLowerCase();
    const at = this.lowerBound(key, id);
    this.keys.splice(at, 0, key);
    this.ids.splice(at, 0, id);
  }

  remove(value: string, id: string): void {
    const key = value.toLowerCase();
    const at = this.lowerBound(key, id);
    if (this.keys[at] === key && this.ids[at] === id) {
      this.keys.splice(at, 1);
      this.ids.splice(at, 1);
    }
  }

  /** ObjectIDs whose value starts with `prefix` (or equals it, when exact), in value order; lazily. */
  *matches(prefix: string, exact: boolean): Generator<string> {
    const p = prefix.toLowerCase();
    for (let i = this.lowerBound(p); i < this.keys.length; i += 1) {
      const k = this.keys[i] ?? '';
      if (exact ? k !== p : !k.startsWith(p)) return;
      yield this.ids[i] ?? '';
    }
  }

  lookup(prefix: string, exact: boolean): string[] {
    return [...this.matches(prefix, exact)];
  }
}
