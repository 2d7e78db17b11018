// The state of the sandbox Outlook window: whose mailbox, which item is open and in which form, unsaved
// compose changes, notification messages, and the ItemChanged handlers of the frames it hosts.
import type { OutlookHostConfig } from './config.js';
import { customPropertiesPropertyId } from './config.js';
import { utcDate as utc, type GraphEvent, type SandboxGraph } from './graph.js';

export type FormMode = 'read' | 'compose';

/** Changes a compose form holds until saveAsync (Outlook writes them to Exchange on save). */
export interface ComposeDraft {
  subject: string;
  start: Date;
  end: Date;
  categories: string[];
  customProperties: Record<string, string>;
}

export class HostSession {
  mode: FormMode = 'read';
  /** The open item as Exchange has it; null for a new compose item not yet saved. */
  event: GraphEvent | null = null;
  draft: ComposeDraft | null = null;
  /**
   * The draft as the form loaded it (or last saved it). Outlook's save writes the properties the form changed, not
   * every property it shows: a category the sync service set on the stored item meanwhile (the compose fallback on
   * the web, where Office.js can't set categories) stays when the user saves the form.
   */
  private draftBase: ComposeDraft | null = null;
  readonly notifications = new Map<string, Office.NotificationMessageDetails>();
  readonly itemChangedHandlers = new Set<(args: unknown) => void>();
  readonly commandHandlers = new Map<string, (event: Office.AddinCommands.Event) => void>();
  private listeners = new Set<() => void>();

  constructor(
    readonly config: OutlookHostConfig,
    readonly graph: SandboxGraph,
  ) {}

  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The stored custom properties (JSON of all the add-in's props in the cecp- extended property). */
  storedCustomProperties(): Record<string, string> {
    const id = customPropertiesPropertyId(this.config.addinId).toLowerCase();
    const raw = this.event?.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id)?.value;
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  async open(id: string | null, mode: FormMode): Promise<void> {
    this.mode = mode;
    this.notifications.clear();
    this.event = id ? await this.graph.getEvent(id) : null;
    if (mode === 'compose') {
      const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
      this.draft = this.event
        ? {
            subject: this.event.subject ?? '',
            start: utc(this.event.start) ?? start,
            end: utc(this.event.end) ?? new Date(start.getTime() + 3_600_000),
            categories: [...(this.event.categories ?? [])],
            customProperties: this.storedCustomProperties(),
          }
        : { subject: 'New appointment', start, end: new Date(start.getTime() + 3_600_000), categories: [], customProperties: {} };
      this.draftBase = this.event ? copyDraft(this.draft) : null;
    } else {
      this.draft = null;
      this.draftBase = null;
    }
    this.changed();
    for (const handler of this.itemChangedHandlers) handler({ type: 'olkItemSelectedChanged' });
  }

  async reload(): Promise<void> {
    if (this.event) this.event = await this.graph.getEvent(this.event.id);
    this.changed();
  }

  /** Compose saveAsync: create the item in Exchange from the draft, or write the draft's changes to it; returns its id. */
  async saveDraft(): Promise<string> {
    const draft = this.draft;
    if (!draft) throw new Error('not a compose form');
    const base = this.draftBase;
    const changed = <K extends keyof ComposeDraft>(key: K) => !base || JSON.stringify(base[key]) !== JSON.stringify(draft[key]);
    const body: Omit<GraphEvent, 'id'> = {};
    if (changed('subject')) body.subject = draft.subject;
    if (changed('start')) body.start = { dateTime: draft.start.toISOString().replace('Z', ''), timeZone: 'UTC' };
    if (changed('end')) body.end = { dateTime: draft.end.toISOString().replace('Z', ''), timeZone: 'UTC' };
    if (changed('categories')) body.categories = draft.categories;
    if (changed('customProperties')) body.singleValueExtendedProperties = [{ id: customPropertiesPropertyId(this.config.addinId), value: JSON.stringify(draft.customProperties) }];
    const saved = this.event ? await this.graph.updateEvent(this.event.id, body) : await this.graph.createEvent(body);
    this.event = await this.graph.getEvent(saved.id);
    // The form now shows the stored item's categories, the service's included.
    draft.categories = [...(this.event?.categories ?? draft.categories)];
    this.draftBase = copyDraft(draft);
    this.changed();
    return saved.id;
  }
}

function copyDraft(draft: ComposeDraft): ComposeDraft {
  return { ...draft, categories: [...draft.categories], customProperties: { ...draft.customProperties } };
}
