// JSON for sandbox state snapshots. The stores keep their collections in Maps and Sets; these are written as
// {"$map": [[key, value], …]} and {"$set": [value, …]} and read back as Maps and Sets at any depth, so a collection
// added to a store later is saved and restored without touching the snapshot code.

type Tagged = { $map: unknown } | { $set: unknown };

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
}

/** Only an object whose single key is the tag and whose value is an array: a user's `{"$map": "x"}` stays data. */
function tagged(value: unknown): value is Tagged {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const inner = (value as Record<string, unknown>)[keys[0] ?? ''];
  return (keys[0] === '$map' || keys[0] === '$set') && Array.isArray(inner);
}

function reviver(_key: string, value: unknown): unknown {
  if (!tagged(value)) return value;
  if ('$set' in value) return new Set(value.$set as unknown[]);
  const entries = value.$map as unknown[];
  if (!entries.every((e) => Array.isArray(e) && e.length === 2)) throw new Error('a $map entry is not a [key, value] pair');
  return new Map(entries as Array<[unknown, unknown]>);
}

export function stateToJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function stateFromJson(text: string): unknown {
  return JSON.parse(text, reviver) as unknown;
}

/** Thrown by a store's restore() when a snapshot does not have the shape it expects. */
export class SnapshotShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotShapeError';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);
}

/** The field `name` of a snapshot object, checked with `ok`; a SnapshotShapeError names what is wrong. */
export function field<T>(from: unknown, name: string, ok: (v: unknown) => v is T, what: string): T {
  if (!isRecord(from)) throw new SnapshotShapeError(`expected an object holding '${name}'`);
  const value = from[name];
  if (!ok(value)) throw new SnapshotShapeError(`'${name}' is not ${what}`);
  return value;
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
