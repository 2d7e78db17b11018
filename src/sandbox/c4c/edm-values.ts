// EDM values as the sandbox stores them and as OData v2 verbose JSON carries them. Stored forms: String, Guid,
// Time, Binary and Decimal as strings; Boolean; Int16/Int32 as numbers; DateTime/DateTimeOffset as epoch ms.
import { badRequest } from './errors.js';
import type { PropertyDef } from './schema.js';

export type StoredValue = string | number | boolean | null;
export type StoredRecord = Record<string, StoredValue>;

const GUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const JSON_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const TIME = /^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$/;

export const isGuid = (s: string) => GUID.test(s);

/** Parses an ISO date-time (no zone = UTC, as C4C reads Edm.DateTime) to epoch ms, or undefined. */
export function parseIsoMs(s: string): number | undefined {
  if (!ISO_DATE.test(s)) return undefined;
  const withZone = /T.*(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : s.includes('T') ? `${s}Z` : `${s}T00:00:00Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

function wrongType(p: PropertyDef, value: unknown): Error {
  return badRequest(`Value ${JSON.stringify(value)?.slice(0, 60)} is not a valid ${p.type} for property ${p.name}`, 'INVALID_VALUE');
}

/** Converts a JSON request value to its stored form, enforcing type, nullability and MaxLength. */
export function fromJson(p: PropertyDef, value: unknown): StoredValue {
  if (value === null) {
    if (!p.nullable) throw badRequest(`Property ${p.name} must not be null`, 'INVALID_VALUE');
    return null;
  }
  switch (p.type) {
    case 'Edm.String': {
      if (typeof value !== 'string') throw wrongType(p, value);
      if (p.maxLength !== undefined && value.length > p.maxLength) {
        throw badRequest(`Value of property ${p.name} exceeds the maximum length of ${p.maxLength}`, 'INVALID_VALUE');
      }
      return value;
    }
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') throw wrongType(p, value);
      return value;
    case 'Edm.Int16':
    case 'Edm.Int32': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      const limit = p.type === 'Edm.Int16' ? 32767 : 2147483647;
      if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > limit) throw wrongType(p, value);
      return n;
    }
    case 'Edm.Decimal': {
      const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof s !== 'string' || !DECIMAL.test(s)) throw wrongType(p, value);
      return s;
    }
    case 'Edm.DateTime':
    case 'Edm.DateTimeOffset': {
      if (typeof value !== 'string') throw wrongType(p, value);
      const m = JSON_DATE.exec(value);
      const ms = m ? Number(m[1]) : parseIsoMs(value);
      if (ms === undefined || !Number.isFinite(ms)) throw wrongType(p, value);
      return ms;
    }
    case 'Edm.Guid':
      if (typeof value !== 'string' || !GUID.test(value)) throw wrongType(p, value);
      return value;
    case 'Edm.Time':
      if (typeof value !== 'string' || !TIME.test(value)) throw wrongType(p, value);
      return value;
    default:
      if (typeof value !== 'string') throw wrongType(p, value);
      return value;
  }
}

/** Stored value → OData v2 verbose JSON value. */
export function toJson(p: PropertyDef, value: StoredValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if ((p.type === 'Edm.DateTime' || p.type === 'Edm.DateTimeOffset') && typeof value === 'number') return `/Date(${value})/`;
  return value;
}

/** ISO with 7 fractional digits, as C4C renders ETags. */
export function iso7(ms: number, ticks: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(ticks).padStart(4, '0')}Z`;
}

export function etagHeader(iso: string): string {
  return `W/"datetimeoffset'${iso.replaceAll(':', '%3A')}'"`;
}

/** A monotonic 100 ns clock, so two changes in the same millisecond still get different ETags. */
export class EtagClock {
  private lastMs = 0;
  private lastTicks = 0;
  constructor(private readonly now: () => number = Date.now) {}

  /** The last ETag instant handed out, so that a restored store never hands out an older one (clock moved back). */
  get position(): { ms: number; ticks: number } {
    return { ms: this.lastMs, ticks: this.lastTicks };
  }

  resumeAt(position: { ms: number; ticks: number }): void {
    this.lastMs = position.ms;
    this.lastTicks = position.ticks;
  }

  next(): { ms: number; iso: string } {
    const now = this.now();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.lastTicks = 0;
    } else if (this.lastTicks < 9999) {
      this.lastTicks += 1;
    } else {
      this.lastMs += 1;
      this.lastTicks = 0;
    }
    return { ms: this.lastMs, iso: iso7(this.lastMs, this.lastTicks) };
  }
}
