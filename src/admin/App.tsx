// The admin console: sign in, then the mailboxes (and a mailbox's page), the enrolment policy, the held sessions, the
// settings, the dry run and health.
import { Button, FluentProvider, MessageBar, MessageBarBody, Tab, TabList, webLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { createAdminApi, type AdminApi } from './api.js';
import type { AdminSignIn } from './auth/sign-in.js';
import { DryRunView } from './views/DryRunView.js';
import { EnrolmentView } from './views/EnrolmentView.js';
import { HealthView } from './views/HealthView.js';
import { HoldsView } from './views/HoldsView.js';
import { MailboxesView } from './views/MailboxesView.js';
import { MailboxView } from './views/MailboxView.js';
import { SettingsView } from './views/SettingsView.js';

type Tabs = 'mailboxes' | 'enrolment' | 'holds' | 'settings' | 'dryRun' | 'health';

export interface AppProps {
  signIn: AdminSignIn;
  /** The service's origin ('' = this page's). */
  baseUrl: string;
}

export function App({ signIn, baseUrl }: AppProps) {
  const [admin, setAdmin] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    signIn.restore().then(setAdmin, (err: unknown) => setError((err as Error).message));
  }, [signIn]);
  const api = useMemo(() => createAdminApi(baseUrl, () => signIn.getToken()), [baseUrl, signIn]);
  const start = () => signIn.signIn().then(setAdmin, (err: unknown) => setError((err as Error).message));

  return (
    <FluentProvider theme={webLightTheme}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '8px 16px' }}>
        <h1 style={{ fontSize: 20 }}>CRM sync: admin console</h1>
        {admin && <span>Signed in as {admin}</span>}
      </header>
      <main style={{ padding: '0 16px 16px' }}>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {admin ? (
          <Console api={api} />
        ) : (
          <>
            <p>Sign in with an account that holds the service&apos;s admin app role.</p>
            <Button appearance="primary" onClick={() => void start()}>
              Sign in
            </Button>
          </>
        )}
      </main>
    </FluentProvider>
  );
}

function Console({ api }: { api: AdminApi }) {
  const [tab, setTab] = useState<Tabs>('mailboxes');
  const [mailbox, setMailbox] = useState<string | null>(null);
  // Addresses of mailboxes seen, to name a hold's mailbox.
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    api.listMailboxes({ limit: 200 }).then(
      (page) => setNames(new Map(page.mailboxes.map((m) => [m.mailboxId, m.email]))),
      () => undefined,
    );
  }, [api]);
  return (
    <>
      <nav aria-label="Sections">
        <TabList selectedValue={tab} onTabSelect={(_e, d) => (setTab(d.value as Tabs), setMailbox(null))}>
          <Tab value="mailboxes">Mailboxes</Tab>
          <Tab value="enrolment">Enrolment</Tab>
          <Tab value="holds">Held sessions</Tab>
          <Tab value="settings">Settings</Tab>
          <Tab value="dryRun">Dry run</Tab>
          <Tab value="health">Health</Tab>
        </TabList>
      </nav>
      {tab === 'mailboxes' && (mailbox ? <MailboxView api={api} mailboxId={mailbox} onBack={() => setMailbox(null)} /> : <MailboxesView api={api} onOpen={setMailbox} />)}
      {tab === 'enrolment' && <EnrolmentView api={api} />}
      {tab === 'holds' && <HoldsView api={api} mailboxNames={names} />}
      {tab === 'settings' && <SettingsView api={api} />}
      {tab === 'dryRun' && <DryRunView api={api} />}
      {tab === 'health' && <HealthView api={api} />}
    </>
  );
}
