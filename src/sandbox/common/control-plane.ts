// The sandboxes' control plane (never part of the emulated APIs): injected latency and faults, and request
// counters, so that tests, benchmarks and the soak can make the sandbox behave like a slow or failing service and
// count what the product sends. Each sandbox adds its own /_sandbox/info, reset and seed routes beside these.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** 'userThrottle' is a 403 per-user rate limit (Google's userRateLimitExceeded); only sandboxes that list it offer it. */
export type FaultKind = 'throttle' | 'unavailable' | 'reset' | 'timeout' | 'userThrottle';

const COMMON_FAULT_KINDS: readonly FaultKind[] = ['throttle', 'unavailable', 'reset', 'timeout'];

export interface LatencySettings {
  fixedMs: number;
  jitterMs: number;
}

export interface FaultSettings {
  /** Probability (0..1) that a request gets a fault. */
  rate: number;
  /** Besides the rate: the next `count` matching requests get a fault for sure. */
  count: number;
  kinds: FaultKind[];
  retryAfterSeconds: number;
  /** How long a 'timeout' fault holds the request before dropping the connection. */
  timeoutMs: number;
  /** Only requests whose path starts with this prefix are faulted (default: all). */
  pathPrefix: string;
}

export interface RequestCounters {
  total: number;
  byRoute: Record<string, number>;
  byMailbox: Record<string, number>;
  faultsInjected: number;
  /**
   * The requests inside batches, by `METHOD first-path-segment` (C4C's $batch counts once in `total` and
   * `byRoute`, one round trip; this says what it carried, e.g. whether a $batch wrote anything).
   */
  batchParts: Record<string, number>;
}

export interface SandboxControl {
  readonly latency: LatencySettings;
  readonly faults: FaultSettings;
  counters(): RequestCounters;
  resetCounters(): void;
  /** Counts one request carried inside a batch (see RequestCounters.batchParts). */
  countBatchPart(method: string, path: string): void;
  setLatency(latency: LatencySettings): void;
  setFaults(faults: Partial<FaultSettings>): void;
  clearFaults(): void;
}

export interface ControlPlaneOptions {
  /** The emulated service's error body for a status, code and message (Graph and C4C differ). */
  errorBody(status: number, code: string, message: string): unknown;
  /** Which mailbox or user a request acts for, for the per-mailbox counters. */
  mailboxOf?(req: FastifyRequest): string | undefined;
  /** Random source, injectable so tests can make faults deterministic. */
  random?: () => number;
  /** The fault kinds this sandbox can inject, and the default set (default: throttle, unavailable, reset, timeout). */
  faultKinds?: readonly FaultKind[];
}

const NO_FAULTS: FaultSettings = {
  rate: 0,
  count: 0,
  kinds: ['throttle', 'unavailable', 'reset', 'timeout'],
  retryAfterSeconds: 1,
  timeoutMs: 30_000,
  pathPrefix: '/',
};

const latencySchema = z.object({
  fixedMs: z.number().int().min(0).max(60_000),
  jitterMs: z.number().int().min(0).max(60_000).default(0),
});

const faultSchema = z.object({
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().min(0).max(1_000_000).optional(),
  kinds: z.array(z.enum(['throttle', 'unavailable', 'reset', 'timeout', 'userThrottle'])).min(1).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  timeoutMs: z.number().int().min(0).max(600_000).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
});

function emptyCounters(): RequestCounters {
  return { total: 0, byRoute: {}, byMailbox: {}, faultsInjected: 0, batchParts: {} };
}

/** Drops the client's connection. Requests made with fastify's inject() have no real socket: end them instead. */
function dropConnection(req: FastifyRequest): void {
  const socket = req.raw.socket as { destroy?: () => void } | undefined;
  if (typeof socket?.destroy === 'function') socket.destroy();
  else req.raw.destroy();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function installControlPlane(app: FastifyInstance, options: ControlPlaneOptions): SandboxControl {
  const random = options.random ?? Math.random;
  const allowedKinds = options.faultKinds ?? COMMON_FAULT_KINDS;
  const noFaults: FaultSettings = { ...NO_FAULTS, kinds: [...allowedKinds] };
  let counters = emptyCounters();
  const control: SandboxControl = {
    latency: { fixedMs: 0, jitterMs: 0 },
    faults: { ...noFaults, kinds: [...noFaults.kinds] },
    counters: () => structuredClone(counters),
    resetCounters: () => {
      counters = emptyCounters();
    },
    countBatchPart: (method, path) => {
      const key = `${method.toUpperCase()} ${path.split(/[/(?]/, 1)[0] ?? ''}`;
      counters.batchParts[key] = (counters.batchParts[key] ?? 0) + 1;
    },
    setLatency: (latency) => Object.assign(control.latency, latency),
    setFaults: (faults) => Object.assign(control.faults, faults),
    clearFaults: () => Object.assign(control.faults, noFaults, { kinds: [...noFaults.kinds] }),
  };

  const pendingTimeouts = new Set<NodeJS.Timeout>();
  app.addHook('onClose', async () => {
    for (const timer of pendingTimeouts) clearTimeout(timer);
  });

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/_sandbox')) return;
    count(req);
    const { fixedMs, jitterMs } = control.latency;
    if (fixedMs > 0 || jitterMs > 0) {
      const jitter = jitterMs > 0 ? (random() * 2 - 1) * jitterMs : 0;
      await sleep(Math.max(0, fixedMs + jitter));
    }
    const fault = pickFault(req);
    if (fault) {
      counters.faultsInjected += 1;
      return injectFault(fault, req, reply);
    }
  });

  function count(req: FastifyRequest): void {
    counters.total += 1;
    const route = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
    counters.byRoute[route] = (counters.byRoute[route] ?? 0) + 1;
    const mailbox = options.mailboxOf?.(req);
    if (mailbox) counters.byMailbox[mailbox] = (counters.byMailbox[mailbox] ?? 0) + 1;
  }

  function pickFault(req: FastifyRequest): FaultKind | undefined {
    const f = control.faults;
    if (!req.url.startsWith(f.pathPrefix) || f.kinds.length === 0) return undefined;
    let hit = false;
    if (f.count > 0) {
      f.count -= 1;
      hit = true;
    } else if (f.rate > 0 && random() < f.rate) {
      hit = true;
    }
    if (!hit) return undefined;
    return f.kinds[Math.floor(random() * f.kinds.length)] ?? f.kinds[0];
  }

  async function injectFault(kind: FaultKind, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    switch (kind) {
      case 'throttle':
        return reply
          .code(429)
          .header('retry-after', String(control.faults.retryAfterSeconds))
          .send(options.errorBody(429, 'TooManyRequests', 'Please retry again later.'));
      case 'userThrottle':
        return reply.code(403).send(options.errorBody(403, 'UserRateLimitExceeded', 'User Rate Limit Exceeded'));
      case 'unavailable':
        return reply.code(503).send(options.errorBody(503, 'ServiceUnavailable', 'The service is temporarily unavailable.'));
      case 'reset':
        dropConnection(req);
        return reply.hijack();
      case 'timeout': {
        reply.hijack();
        const timer = setTimeout(() => {
          pendingTimeouts.delete(timer);
          dropConnection(req);
        }, control.faults.timeoutMs);
        pendingTimeouts.add(timer);
        req.raw.socket?.once?.('close', () => {
          clearTimeout(timer);
          pendingTimeouts.delete(timer);
        });
        return;
      }
    }
  }

  const bad = (reply: FastifyReply, message: string) =>
    reply.code(400).send(options.errorBody(400, 'BadRequest', message));

  app.get('/_sandbox/counters', async () => control.counters());
  app.delete('/_sandbox/counters', async (_req, reply) => {
    control.resetCounters();
    return reply.code(204).send();
  });
  app.get('/_sandbox/latency', async () => control.latency);
  app.put('/_sandbox/latency', async (req, reply) => {
    const parsed = latencySchema.safeParse(req.body);
    if (!parsed.success) return bad(reply, parsed.error.message);
    control.setLatency(parsed.data);
    return control.latency;
  });
  app.delete('/_sandbox/latency', async (_req, reply) => {
    control.setLatency({ fixedMs: 0, jitterMs: 0 });
    return reply.code(204).send();
  });
  app.get('/_sandbox/faults', async () => control.faults);
  app.put('/_sandbox/faults', async (req, reply) => {
    const parsed = faultSchema.safeParse(req.body);
    if (!parsed.success) return bad(reply, parsed.error.message);
    const unsupported = parsed.data.kinds?.filter((k) => !allowedKinds.includes(k)) ?? [];
    if (unsupported.length > 0) return bad(reply, `This sandbox cannot inject ${unsupported.join(', ')} (it offers ${allowedKinds.join(', ')}).`);
    const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    control.setFaults(defined);
    return control.faults;
  });
  app.delete('/_sandbox/faults', async (_req, reply) => {
    control.clearFaults();
    return reply.code(204).send();
  });

  return control;
}
