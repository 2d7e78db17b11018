// A pass-through proxy in front of the C4C sandbox that can make the next modifying request arrive without its
// session cookie, the way an expired SAP session looks: the sandbox then answers 403 `x-csrf-token: Required`.
// (The sandbox keeps CSRF sessions across resets and has no control route to expire them.)
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface SessionDroppingProxy {
  url: string;
  /** The next POST/PATCH/PUT/MERGE/DELETE is forwarded without its Cookie header. */
  dropNextSession(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startSessionDroppingProxy(targetOrigin: string): Promise<SessionDroppingProxy> {
  let dropNext = false;
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
