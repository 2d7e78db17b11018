// A pass-through proxy in front of the C4C sandbox for races the sandbox alone cannot stage:
// - the next modifying request arrives without its session cookie, the way an expired SAP session looks (the
//   sandbox then answers 403 `x-csrf-token: Required`; it keeps CSRF sessions and has no route to expire them);
// - something (a user's edit) happens after the sandbox answered the next $batch and before the adapter gets
//   that answer, i.e. between our change set and whatever the adapter does next.
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface TestProxy {
  url: string;
  /** The next POST/PATCH/PUT/MERGE/DELETE is forwarded without its Cookie header. */
  dropNextSession(): void;
  /** Runs `fn` once the sandbox has answered the next $batch, before that answer is passed on. */
  afterNextBatch(fn: () => Promise<void>): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startTestProxy(targetOrigin: string): Promise<TestProxy> {
  let dropNext = false;
  let afterBatch: (() => Promise<void>) | null = null;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      if (dropNext && req.method !== 'GET') {
        dropNext = false;
        delete headers['cookie'];
      }
      const body = req.method === 'GET' ? undefined : new Uint8Array(await readBody(req));
      const upstream = await fetch(`${targetOrigin}${req.url ?? '/'}`, { method: req.method, headers, body });
      const hook = req.method === 'POST' && (req.url ?? '').includes('/$batch') ? afterBatch : null;
      if (hook) {
        afterBatch = null;
        await hook();
      }
      const out: Record<string, string | string[]> = {};
      upstream.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length' && key !== 'transfer-encoding' && key !== 'connection') out[key] = value;
      });
      const cookies = upstream.headers.getSetCookie();
      if (cookies.length > 0) out['set-cookie'] = cookies;
      res.writeHead(upstream.status, out);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dropNextSession: () => {
      dropNext = true;
    },
    afterNextBatch: (fn) => {
      afterBatch = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
