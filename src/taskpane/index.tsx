// Entry of taskpane.html: wait for Office (or the sandbox's stand-in), then render the pane.
import { createRoot } from 'react-dom/client';
import { readAddinConfig } from '../addin/config.js';
import { displayLanguage, officeReady } from '../addin/office/host.js';
import { onThemeChanged, readOfficeTheme, type ThemeKind } from '../addin/office/theme.js';
import { App } from './App.js';
import { createOfficeServices } from './hooks/services.js';
import { languageFor } from '../addin/text/index.js';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const host = await officeReady();
  const locale = host.inOutlook ? displayLanguage() : navigator.language;
  const language = languageFor(locale);
  // The page's language is the one shown (English for a language without a catalog), for screen readers.
  document.documentElement.lang = language.locale;
  if (!host.inOutlook) {
    container.textContent = language.strings.app.notInOutlook;
    return;
  }
  const services = await createOfficeServices(readAddinConfig());
  const root = createRoot(container);
  const render = (theme: ThemeKind) => root.render(<App services={services} locale={locale} theme={theme} />);
  render(readOfficeTheme());
  onThemeChanged(render); // for the page's lifetime
}

void start();
