// The Office host: readiness, requirement sets, platform, and the sandbox's stand-in for Office.js.

export type ItemMode = 'read' | 'compose';

export interface HostInfo {
  /** True inside Outlook (or the sandbox Outlook host); false when the page is opened on its own. */
  inOutlook: boolean;
  platform: string;
}

/** Name of the hook a same-origin sandbox Outlook page exposes on itself for the frames it hosts. */
export const SANDBOX_OFFICE_HOOK = '__crmSyncSandboxOffice';

type SandboxFactory = (frame: Window) => typeof Office;

/**
 * In the sandbox the task pane runs in an iframe of the sandbox Outlook page, which offers an Office.js
 * stand-in backed by the Graph sandbox. Only a same-origin parent can offer it and only with `?sandbox=1`,
 * so inside real Outlook (cross-origin parent) this is a no-op. Returns true when the stand-in was adopted.
 */
export function adoptSandboxOffice(win: Window = window): boolean {
  if (win.parent === win || !new URLSearchParams(win.location.search).has('sandbox')) return false;
  try {
    const factory = (win.parent as unknown as Record<string, unknown>)[SANDBOX_OFFICE_HOOK];
    if (typeof factory !== 'function') return false;
    (win as unknown as { Office: typeof Office }).Office = (factory as SandboxFactory)(win);
    return true;
  } catch {
    return false; // cross-origin parent: real Outlook
  }
}

const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function loadScript(src: string, doc: Document): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    doc.head.appendChild(script);
  });
}

/** Makes Office.js available (sandbox stand-in or Microsoft's CDN) and waits for Office.onReady. */
export async function officeReady(win: Window = window): Promise<HostInfo> {
  const hasOffice = () => typeof (win as unknown as { Office?: unknown }).Office !== 'undefined';
  if (!adoptSandboxOffice(win) && !hasOffice()) {
    try {
      await loadScript(OFFICE_JS_URL, win.document);
    } catch {
      return { inOutlook: false, platform: 'none' };
    }
  }
  const info = await Office.onReady();
  const inOutlook = info.host === Office.HostType.Outlook && Boolean(Office.context?.mailbox);
  return { inOutlook, platform: String(info.platform ?? 'unknown') };
}

export function supports(set: string, version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
}

/** OfficeOnline covers Outlook on the web and new Outlook on Windows, which share their limits. */
export function isWebLike(): boolean {
  return String(Office.context.diagnostics?.platform ?? Office.context.platform) === String(Office.PlatformType.OfficeOnline);
}

export function currentItem(): Office.Item & Record<string, unknown> {
  const item = Office.context.mailbox.item;
  if (!item) throw new Error('no current item');
  return item as unknown as Office.Item & Record<string, unknown>;
}

/** Compose forms have async accessors (`subject.getAsync`); read forms have plain values. */
export function itemMode(): ItemMode {
  const subject = currentItem().subject as unknown;
  return typeof subject === 'object' && subject !== null && 'getAsync' in subject ? 'compose' : 'read';
}

/** Outlook's UI language ('en-US', 'de-DE'); the pane's strings follow it. */
export function displayLanguage(): string {
  return Office.context.displayLanguage || 'en-US';
}
