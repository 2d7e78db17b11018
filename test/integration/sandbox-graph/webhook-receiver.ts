// A tiny notification endpoint for tests: answers Graph's validation handshake (or refuses it, on request) and
// records every notification body it receives.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from './harness.js';

export interface Receiver {
  url: string;
  notifications: Json[];
  validations: string[];
  /** 'echo' answers handshakes properly; 'refuse' answers 403; 'wrong' echoes something else. */
  mode: 'echo' | 'refuse' | 'wrong';
  /** Answer this many notification POSTs with 500 before accepting again. */
  failNext: number;
  waitFor(predicate: (all: Json[]) => boolean, timeoutMs?: number): Promise<Json[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver = { notifications: [] as Json[], validations: [] as string[], mode: 'echo' as Receiver['mode'], failNext: 0 };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('validationToken');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (token !== null) {
        receiver.validations.push(token);
        if (receiver.mode === 'refuse') return void res.writeHead(403).end();
        res.writeHead(200, { 'content-type': 'text/plain' }).end(receiver.mode === 'wrong' ? 'nope' : token);
        return;
      }
      if (receiver.failNext > 0) {
        receiver.failNext -= 1;
        return void res.writeHead(500).end();
      }
      receiver.notifications.push({ path: url.pathname, ...(JSON.parse(Buffer.concat(chunks).toString() || '{}') as Json) });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    async waitFor(predicate: (all: Json[]) => boolean, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.notifications)) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(receiver.notifications)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return receiver.notifications;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
