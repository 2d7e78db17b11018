import { Divider, FluentProvider, makeStyles, Spinner, Subtitle2, teamsHighContrastTheme, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { lazy, Suspense, useCallback } from 'react';
import type { ThemeKind } from '../addin/office/theme.js';
import { ItemHeader } from './components/ItemHeader.js';
import { Messages, type PaneMessage } from './components/Messages.js';
import { SyncAsChooser } from './components/SyncAsChooser.js';
import { SyncListSection } from './components/SyncListSection.js';
import { SyncStatus } from './components/SyncStatus.js';
import { describeError } from '../addin/describe-error.js';
import { isLongAllDay } from './components/format.js';
import type { PaneServices } from './hooks/services.js';
import { usePane } from './hooks/usePane.js';
import type { ServiceProblem } from './hooks/useServiceProblem.js';
import { StringsContext } from './strings-context.js';
import type { Strings } from '../addin/text/en.js';
import type { PaneLanguage } from '../addin/text/language.js';

const LinksSection = lazy(() => import('./LinksSection.js'));
const PeopleSection = lazy(() => import('./PeopleSection.js'));

const THEMES = { light: webLightTheme, dark: webDarkTheme, highContrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  // The page background lives on an inner wrapper: Fluent copies the provider's class onto its popup portal
  // layer, and a full-height background there covered the whole pane after a popup (search results) opened.
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    maxWidth: '640px',
    boxSizing: 'border-box',
  },
});

export interface AppProps {
  services: PaneServices;
  /** The pane's strings and date locale, chosen by Office's display language (src/addin/text/load.ts). */
  language: PaneLanguage;
  theme: ThemeKind;
}

function problemMessage(problem: ServiceProblem, strings: Strings, signIn: () => void, retry: () => void): PaneMessage | null {
  if (problem === 'notSignedIn') return { id: 'problem', intent: 'warning', text: strings.errors.notSignedIn, action: { label: strings.errors.signIn, onClick: signIn }, dismissible: false };
  if (problem === 'unreachable') return { id: 'problem', intent: 'warning', text: strings.errors.unreachable, action: { label: strings.errors.retry, onClick: retry }, dismissible: false };
  if (problem === 'forbidden') return { id: 'problem', intent: 'error', text: strings.errors.forbidden, dismissible: false };
  return null;
}

function Pane({ services, strings }: { services: PaneServices; strings: Strings }) {
  const styles = useStyles();
  const pane = usePane(services, strings);
  const problem = problemMessage(pane.problem, strings, () => void pane.signIn(), () => void pane.reload());
  const messages = problem ? [problem, ...pane.messages] : pane.messages;
  const serviceUsable = pane.problem === null;
  // Stable across renders: LinkSearch's search effect depends on it, and a new function on every render (each
  // status poll, each message) would cancel and repeat the search the user is looking at.
  const describe = useCallback((error: unknown) => describeError(error, strings), [strings]);

  return (
    <main className={styles.main} aria-busy={pane.loading}>
      <Messages messages={messages} onDismiss={pane.dismiss} />
      {pane.loading && !pane.info ? (
        <Spinner size="small" label={strings.app.loading} />
      ) : !pane.info ? (
        <Subtitle2>{strings.app.noItem}</Subtitle2>
      ) : (
        <>
          <ItemHeader subject={pane.info.subject} start={pane.info.start} end={pane.info.end} organizerName={pane.info.organizer?.name ?? null} />
          <SyncStatus
            status={pane.status}
            loading={pane.loading || (pane.statusLoading && !pane.status)}
            unsaved={!pane.loading && pane.itemId === null}
            retrying={pane.retrying}
            onRetry={() => void pane.retry()}
            offline={pane.problem === 'unreachable'}
          />
          <Divider />
          <SyncAsChooser
            value={pane.syncAs}
            onChange={(v) => void pane.changeSyncAs(v)}
            busy={pane.syncAsBusy}
            disabled={pane.loading}
            hasRecord={Boolean(pane.status?.c4cObjectId)}
            note={pane.syncAsNote}
            tagWarning={isLongAllDay(pane.info.start, pane.info.end) ? strings.status.tooLongWarning : null}
          />
          <Divider />
          <Suspense fallback={<Spinner size="tiny" label={strings.app.loading} />}>
            <LinksSection
              links={pane.links}
              linkedKeys={pane.linkedKeys}
              search={pane.search}
              onPick={pane.addLink}
              onRemove={pane.removeLink}
              onMakePrimary={pane.makePrimary}
              searchDisabled={!serviceUsable}
              chipsDisabled={pane.loading}
              describeError={describe}
              openUrl={pane.openUrl}
              loadPreview={pane.loadPreview}
            />
          </Suspense>
          <Divider />
          <SyncListSection
            rows={pane.syncListRows}
            entries={pane.syncListEntries}
            busy={pane.syncListBusy}
            announcement={pane.syncListAnnouncement}
            onAdd={pane.addToSyncList}
            onRemove={pane.removeFromSyncList}
            disabled={!serviceUsable}
          />
          <Divider />
          <Suspense fallback={<Spinner size="tiny" label={strings.app.loading} />}>
            <PeopleSection
              attendees={{
                rows: pane.attendeeRows,
                primaryAccountId: pane.primaryAccount?.id ?? null,
                busy: pane.attendeesBusy,
                announcement: pane.attendeesAnnouncement,
                onMakePrimary: pane.makeAccountPrimary,
                onCreate: (row, kind) => void pane.createAttendee(row, kind),
                disabled: !serviceUsable || pane.loading,
              }}
              followUp={{
                defaultDueDate: pane.followUpDue,
                accountName: pane.primaryAccount ? (pane.primaryAccount.name ?? pane.primaryAccount.id) : null,
                busy: pane.followUpBusy,
                created: pane.followUpCreated,
                onCreate: (due) => void pane.createFollowUp(due),
                disabled: !serviceUsable || pane.loading,
              }}
            />
          </Suspense>
        </>
      )}
    </main>
  );
}

/** The task pane: theme and strings around the pane. Services are injected so tests and the sandbox can swap them. */
export function App({ services, language, theme }: AppProps) {
  const styles = useStyles();
  const { strings, locale: shown } = language;
  return (
    <FluentProvider theme={THEMES[theme]} lang={shown}>
      <div className={styles.page}>
        <StringsContext.Provider value={{ strings, locale: shown }}>
          <Pane services={services} strings={strings} />
        </StringsContext.Provider>
      </div>
    </FluentProvider>
  );
}
