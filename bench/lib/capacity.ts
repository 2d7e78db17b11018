// From the measured cost of a mailbox to the machines a tenant needs (issue 18, goal 4). A model, not a measurement:
// its assumptions are constants here and printed with the table, so a reader can redo it with their own.

/** What some work cost the service: its CPU, its database round trips, and the Graph and C4C requests it made. */
export interface Cost {
  cpuMs: number;
  dbTrips: number;
  graph: number;
  c4c: number;
}

export interface FamilyCost {
  family: string;
  /** One scheduled session with nothing to do. */
  idleSession: Cost;
  /** The tenant's change query for this family, per cycle. */
  idlePoll: Cost;
  /** One item changed on either side (the mean of both directions). */
  perItem: Cost;
}

/** The default interval (SYNC_INTERVAL_MINUTES): every mailbox gets a scheduled session, the tenant a change query. */
const INTERVAL_S = 30 * 60;
/** "A few items per mailbox per day" (SSI's sizing): items changed per mailbox and day, over all families. */
const CHANGES_PER_DAY = 5;
/** Changes happen in working hours: the busiest hour sees this many times the day's mean rate. */
const PEAK_FACTOR = 3;
/** Each change starts a session of its own (insta-sync) in the worst case (no coalescing with the schedule). */
const SESSIONS_PER_CHANGE = 1;
/** A worker core is planned at this utilisation, leaving room for bursts and retries. */
const TARGET_UTILISATION = 0.5;
/** Time a database connection is held per round trip against a server on the same LAN (statement included). */
const DB_MS_PER_TRIP = 0.5;
/** Graph's global limit: 130,000 requests per 10 seconds per app across all tenants (learn.microsoft.com/graph/throttling-limits). */
const GRAPH_APP_LIMIT_PER_10S = 130_000;
/** Outlook's limit per app and mailbox: 10,000 requests per 10 minutes (same page, Outlook service). */
const GRAPH_MAILBOX_LIMIT_PER_10MIN = 10_000;

const scale = (c: Cost, k: number): Cost => ({ cpuMs: c.cpuMs * k, dbTrips: c.dbTrips * k, graph: c.graph * k, c4c: c.c4c * k });
/** The hosts the table measures against: a worker machine's cores, and PostgreSQL's default max_connections. */
const WORKER_HOST_CORES = 16;
const PG_MAX_CONNECTIONS = 100;

const sum = (costs: Cost[]): Cost => costs.reduce((a, c) => ({ cpuMs: a.cpuMs + c.cpuMs, dbTrips: a.dbTrips + c.dbTrips, graph: a.graph + c.graph, c4c: a.c4c + c.c4c }), { cpuMs: 0, dbTrips: 0, graph: 0, c4c: 0 });

export interface Capacity {
  mailboxes: number;
  workerCores: number;
  dbConnectionsBusy: number;
  graphPer10Min: number;
  graphPer10MinPerMailbox: number;
  c4cPerMinute: number;
}

/** Peak-hour load of `mailboxes` mailboxes (one tenant) syncing every family measured. */
export function capacityFor(mailboxes: number, costs: FamilyCost[]): Capacity {
  // A mailbox's session runs every family; the families were measured apart, so their sums count the session's fixed
  // part once per family (an overestimate by at most two sessions' fixed cost).
  const session = sum(costs.map((c) => c.idleSession));
  const poll = sum(costs.map((c) => c.idlePoll));
  const item = scale(sum(costs.map((c) => c.perItem)), 1 / Math.max(1, costs.length));
  const scheduledPerS = mailboxes / INTERVAL_S;
  const changesPerS = (mailboxes * CHANGES_PER_DAY * PEAK_FACTOR) / 86_400;
  const sessionsPerS = scheduledPerS + changesPerS * SESSIONS_PER_CHANGE;
  const pollsPerS = 1 / INTERVAL_S;
  const rate = (f: (c: Cost) => number) => sessionsPerS * f(session) + changesPerS * f(item) + pollsPerS * f(poll);
  const cpuSecondsPerS = rate((c) => c.cpuMs) / 1000;
  return {
    mailboxes,
    workerCores: cpuSecondsPerS / TARGET_UTILISATION,
    dbConnectionsBusy: (rate((c) => c.dbTrips) * DB_MS_PER_TRIP) / 1000,
    graphPer10Min: rate((c) => c.graph) * 600,
    graphPer10MinPerMailbox: (rate((c) => c.graph) * 600) / mailboxes,
    c4cPerMinute: rate((c) => c.c4c) * 60,
  };
}

const fixed = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The capacity table as Markdown lines, with the model's assumptions and the first limit that binds. */
export function capacityTable(costs: FamilyCost[], sizes = [1_000, 10_000, 100_000]): string[] {
  const lines = [
    `capacity model: ${INTERVAL_S / 60}-minute interval, ${CHANGES_PER_DAY} changed items per mailbox per day at ${PEAK_FACTOR}× the mean rate in the busiest hour, a session per change, cores planned at ${TARGET_UTILISATION * 100} %, ${DB_MS_PER_TRIP} ms per database round trip`,
    '| mailboxes | worker cores | PostgreSQL connections busy | Graph requests / 10 min (app) | per mailbox / 10 min | C4C requests / min |',
    '|---|---|---|---|---|---|',
  ];
  for (const size of sizes) {
    const c = capacityFor(size, costs);
    lines.push(`| ${size.toLocaleString('en-US')} | ${fixed(c.workerCores, 2)} | ${fixed(c.dbConnectionsBusy, 3)} | ${fixed(c.graphPer10Min, 0)} | ${fixed(c.graphPer10MinPerMailbox, 2)} | ${fixed(c.c4cPerMinute, 0)} |`);
  }
  // Everything above grows linearly with the mailboxes, so each limit binds at limit / (need of one mailbox).
  const one = capacityFor(1, costs);
  const limits = [
    { what: `Graph's per-app limit (${GRAPH_APP_LIMIT_PER_10S.toLocaleString('en-US')} requests per 10 s across tenants)`, at: (GRAPH_APP_LIMIT_PER_10S * 60) / one.graphPer10Min },
    { what: `one ${WORKER_HOST_CORES}-core worker host`, at: WORKER_HOST_CORES / one.workerCores },
    { what: `PostgreSQL's default ${PG_MAX_CONNECTIONS} connections`, at: PG_MAX_CONNECTIONS / one.dbConnectionsBusy },
  ].sort((a, b) => a.at - b.at);
  for (const [i, limit] of limits.entries()) lines.push(`${i === 0 ? 'binds first' : 'then'}: ${limit.what} at about ${Math.round(limit.at).toLocaleString('en-US')} mailboxes`);
  lines.push(
    `Outlook's per-mailbox limit (${GRAPH_MAILBOX_LIMIT_PER_10MIN.toLocaleString('en-US')} requests per 10 min) is ${fixed(GRAPH_MAILBOX_LIMIT_PER_10MIN / one.graphPer10MinPerMailbox, 0)}× one mailbox's need; C4C documents no request limit, so its rate is given for the tenant's own sizing`,
  );
  return lines;
}
