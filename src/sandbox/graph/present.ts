// Renders event views as Graph JSON: the field set of API-NOTES B.1 in Graph's order, times in UTC unless the
// client sent Prefer: outlook.timezone, extended properties only when expanded, and $select applied last.
import { badRequest } from './errors.js';
import { occurrenceICalUId } from './ids.js';
import { matchesFilter, type Expr } from './odata/filter.js';
import type { StoredEvent } from './model.js';
import type { EventView } from './store/views.js';
import { fromInstant, isoNoMillis } from './time.js';

export interface PresentOptions {
  timeZone: string;
  bodyAsText?: boolean;
  /** undefined: not expanded; null: all; Expr: those matching. */
  extendedProperties?: Expr | null;
}

const EXTENDED_ID = /^(String|Integer|Boolean|SystemTime|Binary|Double|Long|Short|Currency|CLSID|Float)\s+(?:\{([0-9a-fA-F-]{36})\}\s+(Name|Id)\s+(.+)|(0x[0-9a-fA-F]{1,4}))$/;

/** Graph's canonical form of an extended property id (lower-case GUID); 400 for a malformed one. */
export function normalizeExtendedPropertyId(id: string): string {
  const m = EXTENDED_ID.exec(id.trim());
  if (!m) throw badRequest(`The extended property id '${id}' is invalid.`, 'ErrorInvalidProperty');
  if (m[5]) return `${m[1]} ${m[5].toLowerCase()}`;
  return `${m[1]} {${m[2]?.toLowerCase()}} ${m[3]} ${m[4]}`;
}

export const etagOf = (changeKey: string) => `W/"${changeKey}"`;

function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

function bodyPreview(record: StoredEvent): string {
  return htmlToText(record.fields.body.content).slice(0, 255);
}

function body(record: StoredEvent, asText: boolean | undefined): { contentType: string; content: string } {
  const b = record.fields.body;
  return asText && b.contentType === 'html' ? { contentType: 'text', content: htmlToText(b.content) } : { contentType: b.contentType, content: b.content };
}

function times(view: EventView, timeZone: string) {
  const f = view.record.fields;
  if (f.isAllDay) {
    // All-day items are floating: they start at midnight whichever zone the client asks for.
    const wall = (ms: number) => ({ dateTime: fromInstant(ms, f.start.timeZone).dateTime, timeZone });
    return { start: wall(view.startMs), end: wall(view.endMs) };
  }
  return { start: fromInstant(view.startMs, timeZone), end: fromInstant(view.endMs, timeZone) };
}

export function presentEvent(view: EventView, options: PresentOptions): Record<string, unknown> {
  const r = view.record;
  const f = r.fields;
  const out: Record<string, unknown> = {
    '@odata.etag': etagOf(r.changeKey),
    id: view.id,
    createdDateTime: r.createdDateTime,
    lastModifiedDateTime: r.lastModifiedDateTime,
    changeKey: r.changeKey,
    categories: [...f.categories],
    transactionId: view.type === 'occurrence' ? null : (r.transactionId ?? null),
    originalStartTimeZone: f.originalStartTimeZone,
    originalEndTimeZone: f.originalEndTimeZone,
    iCalUId: view.originalStart !== undefined ? occurrenceICalUId(r.iCalUId, view.originalStart) : r.iCalUId,
    uid: r.iCalUId,
    reminderMinutesBeforeStart: f.reminderMinutesBeforeStart,
    isReminderOn: f.isReminderOn,
    hasAttachments: false,
    subject: f.subject,
    bodyPreview: bodyPreview(r),
    importance: f.importance,
    sensitivity: f.sensitivity,
    isAllDay: f.isAllDay,
    isCancelled: f.isCancelled,
    isOrganizer: r.isOrganizer,
    responseRequested: f.responseRequested,
    seriesMasterId: view.seriesMasterId ?? null,
    showAs: f.showAs,
    type: view.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(view.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: f.isOnlineMeeting,
    onlineMeetingProvider: f.isOnlineMeeting ? 'teamsForBusiness' : 'unknown',
    allowNewTimeProposals: f.allowNewTimeProposals,
    isDraft: false,
    hideAttendees: f.hideAttendees,
    responseStatus: { ...r.responseStatus },
    body: body(r, options.bodyAsText),
    ...times(view, options.timeZone),
    location: { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {}, ...f.location },
    locations: f.locations.map((l) => ({ ...l })),
    recurrence: view.type === 'seriesMaster' && f.recurrence ? structuredClone(f.recurrence) : null,
    attendees: f.attendees.map((a) => ({
      type: a.type,
      status: { response: a.status?.response ?? 'none', time: a.status?.time ?? '0001-01-01T00:00:00Z' },
      emailAddress: { ...a.emailAddress },
    })),
    organizer: { emailAddress: { ...f.organizer.emailAddress } },
    onlineMeeting: null,
  };
  if (view.originalStart !== undefined) {
    out.originalStart = isoNoMillis(view.originalStart);
  }
  const expanded = expandedExtendedProperties(r.extendedProperties, options.extendedProperties);
  if (expanded) out.singleValueExtendedProperties = expanded;
  return out;
}

/**
 * The singleValueExtendedProperties an `$expand=singleValueExtendedProperties($filter=…)` yields (undefined: not
 * expanded; null: all). Graph leaves the property out when nothing matches, so this is undefined then too.
 */
export function expandedExtendedProperties(props: Map<string, string>, filter: Expr | null | undefined): Array<{ id: string; value: string }> | undefined {
  if (filter === undefined) return undefined;
  const all = [...props].map(([id, value]) => ({ id, value }));
  const chosen = filter === null ? all : all.filter((p) => matchesFilter(filter, p));
  return chosen.length > 0 ? chosen : undefined;
}

/** Graph's $select: the named properties plus @odata.etag and id. Unknown names are a 400. */
export function applySelect(item: Record<string, unknown>, select: string[] | undefined, typeName = 'microsoft.graph.event'): Record<string, unknown> {
  if (!select) return item;
  const picked: Record<string, unknown> = { '@odata.etag': item['@odata.etag'], id: item.id };
  for (const name of select) {
    const key = Object.keys(item).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key) picked[key] = item[key];
    else if (name.toLowerCase() === 'singlevalueextendedproperties') continue;
    else if (!KNOWN_UNRENDERED.has(name)) {
      throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`, 'RequestBroker--ParseUri');
    }
  }
  if (item.singleValueExtendedProperties) picked.singleValueExtendedProperties = item.singleValueExtendedProperties;
  return picked;
}

/** Properties that exist on Graph's event but the sandbox leaves out unless set (they select to nothing). */
const KNOWN_UNRENDERED = new Set(['originalStart', 'attachments', 'extensions', 'instances', 'calendar']);
