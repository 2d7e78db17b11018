// The Office theme the pane should follow. Office reports colours (Mailbox 1.14 adds isDarkTheme); high
// contrast is the operating system's forced-colors mode, which the browser exposes as a media query.

export type ThemeKind = 'light' | 'dark' | 'highContrast';

function luminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const n = parseInt(match[1]!, 16);
  return (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
}

export function readOfficeTheme(win: Window = window): ThemeKind {
  if (win.matchMedia?.('(forced-colors: active)').matches) return 'highContrast';
  const theme = (typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined) as Partial<Office.OfficeTheme> | undefined;
  if (!theme) return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme ? 'dark' : 'light';
  const bodyLuminance = luminance(theme.bodyBackgroundColor ?? '');
  return bodyLuminance !== null && bodyLuminance < 0.5 ? 'dark' : 'light';
}

/**
 * Calls `handler` when the Office theme (OfficeThemeChanged, Mailbox 1.14) or the system's forced-colors mode
 * changes. Returns an unsubscribe function; a no-op where neither can be observed.
 */
export function onThemeChanged(handler: (theme: ThemeKind) => void, win: Window = window): () => void {
  const notify = () => handler(readOfficeTheme(win));
  const forced = win.matchMedia?.('(forced-colors: active)');
  forced?.addEventListener?.('change', notify);
  let officeSubscribed = false;
  try {
    const mailbox = Office.context.mailbox;
    if (Office.context.requirements.isSetSupported('Mailbox', '1.14') && mailbox?.addHandlerAsync) {
      mailbox.addHandlerAsync(Office.EventType.OfficeThemeChanged, notify, (result) => {
        officeSubscribed = result.status !== Office.AsyncResultStatus.Failed;
      });
    }
  } catch {
    // Office not available (page opened outside Outlook)
  }
  return () => {
    forced?.removeEventListener?.('change', notify);
    if (officeSubscribed) Office.context.mailbox.removeHandlerAsync(Office.EventType.OfficeThemeChanged, () => undefined);
  };
}
