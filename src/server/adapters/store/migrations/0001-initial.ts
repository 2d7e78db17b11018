// The sync service's tables (DESIGN §3 Store, Sync state, Cursors), shaped after ports/state-store.ts.
//
// Ids are text: they come from Graph, Google and C4C, or are ids we make. Times that the domain supplies
// (`updatedAt`, `at`, `createdAt` …) are ISO 8601 UTC text stored verbatim, so every row reads back exactly as it
// was written; compare them with `::timestamptz` casts. Times the database sets itself are timestamptz.
import type { Migration } from './migration.js';

export const initialSchema: Migration = {
  id: 1,
  name: 'initial',
  sql: `
CREATE TABLE tenants (
  tenant_id   text PRIMARY KEY,
  -- SyncSettings as JSON; NULL until the tenant saves settings (callers then use the defaults).
  settings    jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mailboxes (
  mailbox_id         text PRIMARY KEY,
  tenant_id          text NOT NULL REFERENCES tenants (tenant_id),
  provider           text NOT NULL CHECK (provider IN ('graph', 'google')),
  email              text NOT NULL,
  display_name       text NOT NULL DEFAULT '',
  employee_party_id  text,
  enabled            boolean NOT NULL DEFAULT true,
  -- MailboxStatus: the last session's outcome.
  health             text NOT NULL DEFAULT 'never' CHECK (health IN ('ok', 'error', 'held', 'never')),
  last_session_at    text,
  last_success_at    text,
  last_error_code    text,
  last_error_message text,
  pairs_in_error     integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mailboxes_by_tenant ON mailboxes (tenant_id);
CREATE INDEX mailboxes_by_email ON mailboxes (email);

-- One row per mirrored pair (vdirsyncer's status database). A side counts as changed when its version AND its
-- hash differ from what is stored here. Either id is NULL while that side's create is pending.
CREATE TABLE sync_pairs (
  pair_id            text PRIMARY KEY,
  mailbox_id         text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  kind               text NOT NULL CHECK (kind IN ('appointment', 'visit', 'task', 'contact')),
  origin             text NOT NULL CHECK (origin IN ('outlook', 'crm')),
  outlook_id         text,
  outlook_version    text,
  outlook_hash       text,
  crm_object_id      text,
  crm_version        text,
  crm_hash           text,
  -- The merged fields after the last successful sync (base of the 3-way merge), NULL before the first.
  base               jsonb,
  status             text NOT NULL CHECK (status IN ('synced', 'error', 'unlinked', 'closed')),
  last_error_code    text,
  last_error_message text,
  error_since        text,
  updated_at         text NOT NULL,
  CONSTRAINT sync_pairs_outlook_item UNIQUE (mailbox_id, outlook_id),
  CONSTRAINT sync_pairs_crm_object UNIQUE (crm_object_id, mailbox_id)
);
CREATE INDEX sync_pairs_in_error ON sync_pairs (mailbox_id) WHERE status = 'error';

-- Graph delta links, Google sync tokens (scope = mailbox), C4C high-water marks (scope = tenant). Written only in
-- the transaction that records the work they produced.
CREATE TABLE cursors (
  kind        text NOT NULL CHECK (kind IN ('graphDelta', 'googleSync', 'crmHighWater')),
  scope_id    text NOT NULL,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, scope_id)
);

-- Append-only history of what sessions did, for the task pane and admins. Newest = highest id.
CREATE TABLE sync_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          text NOT NULL,
  session_id  text NOT NULL,
  mailbox_id  text NOT NULL,
  pair_id     text,
  event       text NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('ok', 'error', 'held', 'skipped')),
  code        text,
  message     text
);
CREATE INDEX sync_log_by_mailbox ON sync_log (mailbox_id, id);
CREATE INDEX sync_log_by_pair ON sync_log (pair_id, id) WHERE pair_id IS NOT NULL;

-- Destructive actions the session guard held back for an admin (more deletes than DELETE_GUARD_LIMIT).
CREATE TABLE guard_holds (
  hold_id     text PRIMARY KEY,
  mailbox_id  text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  created_at  text NOT NULL,
  reason      text NOT NULL,
  actions     jsonb NOT NULL,
  status      text NOT NULL CHECK (status IN ('held', 'released', 'discarded')),
  decided_at  text,
  decided_by  text
);
CREATE INDEX guard_holds_by_mailbox ON guard_holds (mailbox_id, status);

-- Graph change-notification subscriptions, renewed before they expire. The clientState itself is a secret and
-- is not stored; its hash lets a webhook check a notification without it.
CREATE TABLE graph_subscriptions (
  subscription_id   text PRIMARY KEY,
  mailbox_id        text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  resource          text NOT NULL,
  expires_at        timestamptz NOT NULL,
  client_state_hash text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX graph_subscriptions_by_expiry ON graph_subscriptions (expires_at);
`,
};
