// Logging (src/server/log; kept beside the config tests, the folder this work owns): secrets never reach a line.
import { createLogger, REDACT_PATHS, scrubSecrets, type Logger } from '../../../src/server/log/index.js';
import { loadConfig, redactedConfig } from '../../../src/server/config/index.js';

function capture(): { log: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  const chunks: string[] = [];
  const log = createLogger({ level: 'trace', name: 'test', destination: { write: (chunk: string) => void chunks.push(chunk) } });
  return {
    log,
    text: () => chunks.join(''),
    lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2lnbmF0dXJlLXZhbHVl';

describe('createLogger', () => {
  it('writes JSON lines with ISO time, level name and logger name', () => {
    const { log, lines } = capture();
    log.info({ mailboxId: 'mbx-1' }, 'session started');
    expect(lines()).toEqual([expect.objectContaining({ level: 'info', name: 'test', mailboxId: 'mbx-1', msg: 'session started' })]);
    expect(String(lines()[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('redacts credential fields at any depth up to four levels, headers included', () => {
    const { log, text, lines } = capture();
    log.info(
      {
        req: { method: 'GET', headers: { authorization: 'Bearer secret-1', cookie: 'sid=secret-2', 'x-csrf-token': 'secret-3' } },
        res: { headers: { 'set-cookie': 'sid=secret-4' } },
        tokenResponse: { access_token: 'secret-5', refresh_token: 'secret-6', id_token: 'secret-7', expires_in: 3600 },
        subscription: { clientState: 'secret-8', resource: '/users/anna/events' },
        c4c: { user: 'SYNC_TECH_USER', password: 'secret-9' },
        clientSecret: 'secret-10',
        config: { env: { DATABASE_URL: 'postgres://u:secret-11@db/x' } },
      },
      'request',
    );
    for (let i = 1; i <= 11; i++) expect(text()).not.toContain(`secret-${i}`);
    const line = lines()[0] as { req: { method: string; headers: Record<string, string> }; tokenResponse: Record<string, unknown>; subscription: Record<string, unknown> };
    // Request lines carry the method and route only: headers are never logged (log/logger.ts serializeRequest).
    expect(line.req).toEqual({ method: 'GET' });
    expect(line.tokenResponse.expires_in).toBe(3600);
    expect(line.subscription.resource).toBe('/users/anna/events');
  });

  it('masks bearer tokens and JWTs inside messages and errors', () => {
    const { log, text, lines } = capture();
    log.warn(`token rejected: Bearer ${JWT}`);
    log.error({ err: new Error(`Graph said 401 for Authorization: Basic c3luYzpwYXNzd29yZA==`) }, 'call failed');
    log.error(new Error(`bad token ${JWT}`));
    expect(text()).not.toContain(JWT);
    expect(text()).not.toContain('c3luYzpwYXNzd29yZA');
    expect(lines()[0]?.msg).toBe('token rejected: Bearer [redacted]');
    expect((lines()[1]?.err as { message: string }).message).toBe('Graph said 401 for Authorization: Basic [redacted]');
    expect(lines()[2]?.msg).toBe('bad token [redacted]');
    log.error({ err: new Error(`no message ${JWT}`) });
    expect(lines()[3]?.msg).toBe('no message [redacted]');
    expect(text()).not.toContain(JWT);
  });

  it('keeps redacting in child loggers', () => {
    const { log, text } = capture();
    log.child({ mailboxId: 'mbx-1' }).info({ headers: { Authorization: 'Bearer child-secret' } }, 'child');
    expect(text()).not.toContain('child-secret');
    expect(text()).toContain('"mailboxId":"mbx-1"');
  });

  it('honours the level', () => {
    const chunks: string[] = [];
    const log = createLogger({ level: 'warn', destination: { write: (chunk: string) => void chunks.push(chunk) } });
    log.info('hidden');
    log.warn('shown');
    expect(chunks.join('')).not.toContain('hidden');
    expect(chunks.join('')).toContain('shown');
  });

  it('can log the redacted config at start-up without leaking it', () => {
    const { log, text } = capture();
    const config = loadConfig({
      PUBLIC_URL: 'https://sync.contoso.example',
      TENANT_ID: 't',
      CLIENT_ID: 'c',
      CLIENT_SECRET: 'leak-1',
      API_AUDIENCE: 'api://x',
      ADDIN_ID: 'a',
      GRAPH_WEBHOOK_CLIENT_STATE_SECRET: 'leak-2-0123456789',
      C4C_BASE_URL: 'https://c4c.example/odata',
      C4C_USER: 'u',
      C4C_PASSWORD: 'leak-3',
      C4C_WEBHOOK_SECRET: 'leak-4-0123456789',
      STATE_DIGEST_SECRET: 'leak-5-0123456789-0123456789-0123456789',
    });
    log.info({ config: redactedConfig(config) }, 'starting');
    log.info({ config }, 'the raw config object is safe too');
    for (let i = 1; i <= 5; i++) expect(text()).not.toContain(`leak-${i}`);
  });
});

describe('scrubSecrets and REDACT_PATHS', () => {
  it('leave ordinary text alone', () => {
    expect(scrubSecrets('synced 3 items for anna@contoso.example')).toBe('synced 3 items for anna@contoso.example');
  });

  it('cover headers written with dashes via bracket paths', () => {
    expect(REDACT_PATHS).toContain('*.*["x-csrf-token"]');
    expect(REDACT_PATHS).toContain('authorization');
  });
});
