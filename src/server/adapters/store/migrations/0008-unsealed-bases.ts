// Bases stored before the sync state kept digests held item values (docs/privacy.md). Each start seals any such
// row (adapters/store/seal-legacy-bases.ts); this partial index holds exactly those rows, so once they are sealed
// the start-up check reads an empty index instead of every pair's base.
import type { Migration } from './migration.js';

export const unsealedBases: Migration = {
  id: 8,
  name: 'unsealed-bases',
  sql: `
CREATE INDEX sync_pairs_unsealed_base ON sync_pairs (pair_id) WHERE base IS NOT NULL AND NOT (base ? 'digests');
`,
};
