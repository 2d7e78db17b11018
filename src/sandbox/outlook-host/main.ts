// The sandbox Outlook page: lists the demo user's calendar from the Graph sandbox, opens an item in read or
// compose form, and hosts the real task pane and function file in same-origin iframes with an Office.js
// stand-in (office-standin.ts) handed over through window.__crmSyncSandboxOffice.
import { readHostConfig } from './config.js';
import { SandboxGraph, utcDate, type GraphEvent } from './graph.js';
import { createOfficeStandIn } from './office-standin.js';
import { HostSession, type FormMode } from './session.js';

/** Must match SANDBOX_OFFICE_HOOK in src/addin/office/host.ts (the sandbox may not import add-in code). */
const SANDBOX_OFFICE_HOOK = '__crmSyncSandboxOffice';

const config = readHostConfig();
const graph = new SandboxGraph(config);
const session = new HostSession(config, graph);
(window as unknown as Record<string, unknown>)[SANDBOX_OFFICE_HOOK] = (frame: Window) => createOfficeStandIn(session, frame);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const withSandbox = (url: string) => `${url}${url.includes('?') ? '&' : '?'}sandbox=1`;
const fmt = new Intl.DateTimeFormat(config.displayLanguage, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

let events: GraphEvent[] = [];

async function loadCalendar(): Promise<void> {
  const now = Date.now();
  events = await graph.calendarView(new Date(now - 7 * 86_400_000), new Date(now + 21 * 86_400_000));
  renderCalendar();
}

function renderCalendar(): void {
  const list = $('calendar');
  list.replaceChildren(
    ...events.map((event) => {
      const button = el('button', undefined, { type: 'button', 'data-id': event.id, 'aria-current': String(session.event?.id === event.id) });
      const start = utcDate(event.start);
      button.append(el('span', event.subject || '(no subject)'), el('br'), el('small', `${start ? fmt.format(start) : ''}${event.categories?.length ? ` · ${event.categories.join(', ')}` : ''}`));
      button.addEventListener('click', () => void open(event.id, session.mode));
      const li = el('li');
      li.append(button);
      return li;
    }),
  );
}

function renderItem(): void {
  const section = $('item');
  const e = session.event;
  const d = session.draft;
  if (!e && !d) return;
  const subject = d?.subject ?? e?.subject ?? '';
  const start = d?.start ?? utcDate(e?.start);
  const categories = d?.categories ?? e?.categories ?? [];
  const links = (() => {
    try {
      return JSON.parse((d?.customProperties ?? session.storedCustomProperties()).crmLinks ?? '[]') as { type: string; id: string; name?: string }[];
    } catch {
      return [];
    }
  })();
  const notes = el('div', undefined, { id: 'notifications' });
  for (const [key, n] of session.notifications) notes.append(el('p', n.message, { class: String(n.type), 'data-key': key }));
  const chips = el('div', undefined, { class: 'chips' });
  chips.append(...categories.map((c) => el('span', c)));
  section.replaceChildren(
    notes,
    el('h2', subject || '(no subject)'),
    el('p', `${start ? fmt.format(start) : ''} · ${session.mode === 'compose' ? 'compose form' : 'read form'}${e ? '' : ' · not saved'}${d && e ? ' · unsaved changes stay in the form until Save' : ''}`),
    el('h3', 'Categories'),
    chips,
    el('h3', 'CRM links (custom properties)'),
    el('p', links.length ? links.map((l) => `${l.type} ${l.id}${l.name ? ` (${l.name})` : ''}`).join(', ') : 'none'),
    el('small', e ? `id ${e.id}` : ''),
  );
}

async function open(id: string | null, mode: FormMode): Promise<void> {
  await session.open(id, mode);
  renderCalendar();
}

function runCommand(name: string): void {
  const handler = session.commandHandlers.get(name);
  if (!handler) {
    session.notifications.set('host', { type: 'errorMessage' as unknown as Office.MailboxEnums.ItemNotificationMessageType, message: `The function file has not registered ${name}.` });
    session.changed();
    return;
  }
  const started = Date.now();
  const event: Pick<Office.AddinCommands.Event, 'completed'> & { source: { id: string } } = {
    source: { id: name },
    completed: () => {
      $('log').textContent += `\n${name} completed after ${Date.now() - started} ms`;
      void session.reload().then(loadCalendar);
    },
  };
  handler(event as Office.AddinCommands.Event);
}

function start(): void {
  $('user').textContent = config.user;
  $('platform').textContent = config.platform === 'web' ? 'Outlook on the web' : 'Outlook desktop';
  const mode = $<HTMLSelectElement>('mode');
  mode.addEventListener('change', () => void open(session.event?.id ?? null, mode.value as FormMode));
  $('new').addEventListener('click', () => {
    mode.value = 'compose';
    void open(null, 'compose');
  });
  $('save').addEventListener('click', () => {
    if (session.draft) void session.saveDraft().then(loadCalendar);
  });
  $('open-pane').addEventListener('click', () => {
    const pane = $<HTMLIFrameElement>('pane');
    if (pane.hidden) {
      pane.src = withSandbox(config.taskpaneUrl);
      pane.hidden = false;
    } else {
      pane.hidden = true;
      pane.src = 'about:blank';
    }
  });
  $('cmd-appointment').addEventListener('click', () => runCommand('syncAsAppointment'));
  $('cmd-visit').addEventListener('click', () => runCommand('syncAsVisit'));
  $<HTMLIFrameElement>('commands').src = withSandbox(config.commandsUrl);
  session.onUpdate(renderItem);
  loadCalendar().then(
    () => {
      const requested = new URLSearchParams(window.location.search).get('item');
      const first = requested ?? events[0]?.id ?? null;
      if (first) void open(first, new URLSearchParams(window.location.search).get('mode') === 'compose' ? 'compose' : 'read');
    },
    (error: unknown) => {
      $('item').textContent = `The Graph sandbox could not be reached at ${config.graphBaseUrl}: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
}

start();
