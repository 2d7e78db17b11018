// Follows a navigation property from a row: child collections by ParentObjectID, the parent by the row's
// ParentObjectID, and the two reference navigations by their foreign key (see REFERENCE_KEYS).
import { REFERENCE_KEYS, type EntitySetDef, type NavDef } from './schema.js';
import type { C4cStore, Row } from './store.js';

export function followNav(store: C4cStore, from: EntitySetDef, row: Row, nav: NavDef): Row[] {
  switch (nav.kind) {
    case 'children':
      return store.childrenOf(nav.targetSet, row.id);
    case 'parent': {
      const parentId = row.values['ParentObjectID'];
      const parent = typeof parentId === 'string' ? store.get(nav.targetSet, parentId) : undefined;
      return parent ? [parent] : [];
    }
    case 'reference': {
      const ref = REFERENCE_KEYS[`${from.type.name}/${nav.name}`];
      const value = ref ? row.values[ref.local] : undefined;
      if (!ref || value == null) return [];
      const hits = store.index(nav.targetSet, ref.target).lookup(String(value), true);
      const target = hits[0] === undefined ? undefined : store.get(nav.targetSet, hits[0]);
      return target ? [target] : [];
    }
  }
}
