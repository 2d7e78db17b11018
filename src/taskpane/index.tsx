// Entry of taskpane.html: wait for Office (or the sandbox's stand-in), then render the pane.
import { createRoot } from 'react-dom/client';
import { readAddinConfig } from '../addin/config.js';
import { displayLanguage, officeReady } from '../addin/office/host.js';
import { onThemeChanged, readOfficeTheme, type ThemeKind } from '../addin/office/theme.js';
import { loadLanguage } from '../addin/text/load.js';
import { App } from './App.js';
import { createOfficeServices } from './hooks/services.js';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const host = await officeReady();
  const locale = host.inOutlook ? displayLanguage() : navigator.language;
  // The user's catalog (a small chunk, English is built in) arrives while sign-in is set up; the pane renders once,
  // in that language, or in English when the chunk does not load (load.ts says why it waits rather than switching).
  const languageLoaded = loadLanguage(locale, { onFallback: (reason) => console.warn(`CRM Sync: showing English; ${reason}`) });
  if (!host.inOutlook) {
    const language = await languageLoaded;
    document.documentElement.lang = language.locale;
    container.textContent = language.strings.app.notInOutlook;
    return;
  }
  const [language, services] = await Promise.all([languageLoaded, createOfficeServices(readAddinConfig())]);
  // The page's language is the one shown (English for a language without a catalog), for screen readers.
  document.documentElement.lang = language.locale;
  const root = createRoot(container);
  const render = (theme: ThemeKind) => root.render(<App services={services} language={language} theme={theme} />);
  render(readOfficeTheme());
  onThemeChanged(render); // for the page's lifetime
}

void start();
