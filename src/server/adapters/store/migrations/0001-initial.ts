// The sync service's tables (DESIGN §3 Store, Sync state, Cursors). Ids are text: they come from Graph, Google
// and C4C, or are UUIDs we make.
import type { Migration } from './index.js';

export const initialSchema: Migration = {
  id: 1,
  name: 'initial',
  sql: `
CREATE TABLE tenants (
  tenant_id   text PRIMARY KEY,
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mailboxes (
  mailbox_id         text PRIMARY KEY,
  tenant_id          text NOT NULL REFERENCES tenants (tenant_id),
  provider           text NOT NULL CHECK (provider IN ('graph', 'google')),
  email              text NOT NULL,
  display_name       text NOT NULL DEFAULT '',
  graph_user_id      text,
  employee_party_id  text,
  enabled            boolean NOT NULL DEFAULT true,
  health             text NOT NULL DEFAULT 'never' CHECK (health IN ('ok', 'error', 'held', 'never')),
  last_error_code    text,
  last_error_message text,
  last_session_at    timestamptz,
  last_success_at    timestamptz,
  next_session_at    timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, email)
);

-- One row per mirrored pair (vdirsyncer's status database). A side counts as changed when its version AND its
-- hash differ from what is stored here. Either id may be NULL while the other side's create is pending.
CREATE TABLE sync_pairs (
  pair_id            text PRIMARY KEY,
  mailbox_id         text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  kind               text NOT NULL CHECK (kind IN ('appointment', 'visit', 'task', 'contact')),
  outlook_id         text,
  outlook_version    text,
  outlook_hash       text,
  crm_object_id      text,
  crm_version        text,
  crm_hash           text,
  base               jsonb,
  origin             text NOT NULL CHECK (origin IN ('outlook', 'crm')),
  status             text NOT NULL DEFAULT 'synced',
  last_error_code    text,
  last_error_message text,
  error_since        timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sync_pairs_outlook_item UNIQUE (mailbox_id, outlook_id),
  CONSTRAINT sync_pairs_crm_object UNIQUE (crm_object_id, mailbox_id)
);
CREATE INDEX sync_pairs_in_error ON sync_pairs (mailbox_id) WHERE last_error_code IS NOT NULL;

-- Delta links, sync tokens, C4C high-water marks. Written in the same transaction as the work they record.
CREATE TABLE cursors (
  scope       text PRIMARY KEY,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Append-only history of what each session did, for the task pane and admins.
CREATE TABLE sync_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  mailbox_id  text,
  pair_id     text,
  action      text NOT NULL,
  outcome     text NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX sync_log_by_mailbox ON sync_log (mailbox_id, id);
CREATE INDEX sync_log_by_pair ON sync_log (pair_id, id) WHERE pair_id IS NOT NULL;

-- Sessions whose deletes exceeded the guard limit wait here for an admin.
CREATE TABLE guard_holds (
  hold_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mailbox_id  text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  actions     jsonb NOT NULL,
  reason      text NOT NULL,
  resolved_at timestamptz,
  resolution  text CHECK (resolution IN ('approved', 'rejected'))
);
CREATE INDEX guard_holds_open ON guard_holds (mailbox_id) WHERE resolved_at IS NULL;

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
