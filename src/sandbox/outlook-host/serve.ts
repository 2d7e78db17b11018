// Serves the built add-in (dist/addin: outlook-host.html, taskpane.html, commands.html …) from one origin and
// forwards /v1.0 and /_sandbox to the Graph sandbox and /api to the sync service, so the sandbox Outlook page,
// the task pane and their calls share an origin (no CORS needed). For demos and browser tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

export interface OutlookHostServerOptions {
  /** The webpack output folder (dist/addin). */
  root: string;
  /** Graph sandbox origin, e.g. http://127.0.0.1:4001. */
  graphOrigin: string;
  /** Sync service origin for /api; without it /api answers 503 (the pane shows "service unreachable"). */
  apiOrigin?: string;
  host?: string;
  port?: number;
}

export interface OutlookHostServer {
  url: string;
  /** The page to open: outlook-host.html pointed at the proxied Graph sandbox. */
  pageUrl: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function forward(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !HOP_BY_HOP.has(k)) headers[k] = v;
  try {
    const upstream = await fetch(`${origin}${req.url ?? '/'}`, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (!HOP_BY_HOP.has(key) && key !== 'content-encoding') out[key] = value;
    });
    res.writeHead(upstream.status, out);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'upstream_unavailable', message: `${origin} did not answer` } }));
  }
}

async function serveFile(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/outlook-host.html' : pathname)).replace(/^([/\\])+/, '');
  if (relative.startsWith('..')) {
    res.writeHead(400).end();
    return;
  }
  try {
    const body = await readFile(join(root, relative));
    res.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

export async function serveOutlookHost(options: OutlookHostServerOptions): Promise<OutlookHostServer> {
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    if (pathname.startsWith('/v1.0/') || pathname.startsWith('/_sandbox/')) return void forward(req, res, options.graphOrigin);
    if (pathname.startsWith('/api/')) {
      if (options.apiOrigin) return void forward(req, res, options.apiOrigin);
      res.writeHead(503, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { code: 'upstream_unavailable', message: 'no sync service configured' } }));
    }
    void serveFile(options.root, pathname, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : options.port}`;
  return {
    url,
    pageUrl: `${url}/outlook-host.html?graph=${encodeURIComponent(`${url}/v1.0`)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
