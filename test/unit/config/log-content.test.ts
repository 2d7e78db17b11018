// Logging (src/server/log/content.ts): no content above debug, and private items at no level, debug included.
import type { Level } from 'pino';
import { createLogger, type Logger } from '../../../src/server/log/index.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';

function capture(level: Level): { log: Logger; text: () => string; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const log = createLogger({ level, name: 'test', destination: { write: (chunk: string) => void chunks.push(chunk) } });
  return { log, text: () => chunks.join(''), lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const normalItem = { id: 'AAMk-1', subject: 'Pricing call with Fabrikam', location: 'Customer HQ, Munich', sensitivity: 'normal', attendees: [{ emailAddress: { address: 'fiona@fabrikam.example', name: 'Fiona' } }] };
const privateEvent = { id: 'AAMk-2', subject: 'Doctor appointment', body: { content: 'bring the referral' }, sensitivity: 'private' };
const privateActivity = { ObjectID: 'c4c-3', Subject: 'Therapy session', InformationSensitivityCode: '2', OrganizerEmailURI: 'ava.adams@contoso.example' };
const PRIVATE_WORDS = ['Doctor appointment', 'referral', 'Therapy session', 'ava.adams@contoso.example'];

describe('private items never appear, even at debug', () => {
  it('a private Graph event or C4C activity is replaced whole at debug and trace, nested or in lists', () => {
    for (const level of ['trace', 'debug'] as const) {
      const { log, text, lines } = capture(level);
      log[level]({ item: privateEvent, items: [normalItem, privateActivity], group: { pair: { before: privateActivity } } }, 'planned');
      for (const word of PRIVATE_WORDS) expect(text()).not.toContain(word);
      expect(lines()[0]).toMatchObject({ item: '[private item]', items: [expect.objectContaining({ subject: 'Pricing call with Fabrikam' }), '[private item]'] });
    }
  });

  it('a private item passed as the bindings of a child logger is replaced too', () => {
    const { log, text } = capture('debug');
    log.child({ item: privateEvent }).debug('bound');
    for (const word of PRIVATE_WORDS) expect(text()).not.toContain(word);
  });
});

describe('content appears at debug only', () => {
  it('debug keeps the subject, location and attendees of an item that is not private', () => {
    const { log, lines } = capture('debug');
    log.debug({ item: normalItem, q: 'Alpine Ana' }, 'item read');
    expect(lines()[0]).toMatchObject({ item: normalItem, q: 'Alpine Ana' });
  });

  it('info, warn and error lines carry no subject, location, attendee, e-mail address or search text', () => {
    const { log, text, lines } = capture('debug');
    log.info({ item: normalItem, q: 'Alpine Ana', mailbox: { mailboxId: 'mbx-1', email: 'ben.brooks@contoso.example' } }, 'item read');
    log.warn({ reason: 'mail for eve.evans@contoso.example bounced' }, 'note about chloe.chen@contoso.example');
    log.error({ err: 'ava.adams%40contoso.example not found' }, 'lookup failed');
    for (const word of ['Pricing call', 'Munich', 'fiona@', 'Alpine Ana', 'ben.brooks', 'eve.evans', 'chloe.chen', 'ava.adams']) expect(text()).not.toContain(word);
    expect(lines()[0]).toMatchObject({ item: { id: 'AAMk-1', subject: '[content]', attendees: '[content]' }, mailbox: { mailboxId: 'mbx-1', email: '[content]' } });
    expect(lines()[1]).toMatchObject({ msg: 'note about [email]', reason: 'mail for [email] bounced' });
  });

  it('child bindings carry no content at any level (they are on every line)', () => {
    const { log, text } = capture('debug');
    log.child({ mailbox: { email: 'dan.diaz@contoso.example', mailboxId: 'mbx-4' } }).info('bound');
    expect(text()).not.toContain('dan.diaz');
    expect(text()).toContain('mbx-4');
  });
});

describe('errors', () => {
  it("a port failure logs our message, never the remote side's wording (detail), at any level", () => {
    for (const level of ['debug', 'info', 'error'] as const) {
      const { log, text, lines } = capture('debug');
      const failure = new PortFailure({ code: 'invalid', message: 'C4C answered 400 INVALID_VALUE', detail: "Value 'Doctor appointment' is not valid for Subject" });
      log[level]({ err: failure }, 'write failed');
      log[level](failure);
      expect(text()).not.toContain('Doctor appointment');
      expect(lines()[0]).toMatchObject({ err: expect.objectContaining({ message: 'invalid: C4C answered 400 INVALID_VALUE', error: expect.objectContaining({ code: 'invalid', message: 'C4C answered 400 INVALID_VALUE' }) }) });
    }
  });

  it('e-mail addresses in error messages and stacks are masked', () => {
    const { log, text } = capture('info');
    log.error({ err: new Error('no mailbox for ben.brooks@contoso.example') }, 'provisioning failed');
    log.error(new Error('no mailbox for eve.evans@contoso.example'));
    expect(text()).not.toMatch(/ben\.brooks|eve\.evans/);
  });
});

describe('request lines', () => {
  it('name the route pattern, never the query string or path parameters', () => {
    const { log, text, lines } = capture('info');
    const req = { method: 'GET', url: '/api/crm/search?q=Alpine%20Ana&types=account', ip: '10.0.0.1', routeOptions: { url: '/api/crm/search' }, headers: { authorization: 'Bearer x' } };
    log.info({ req }, 'incoming request');
    const unrouted = { method: 'GET', url: '/api/people/ava.adams%40contoso.example?q=secret', routeOptions: {} };
    log.info({ req: unrouted }, 'incoming request');
    expect(text()).not.toMatch(/Alpine|secret|ava\.adams|authorization/);
    expect(lines()[0]).toMatchObject({ req: { method: 'GET', url: '/api/crm/search', remoteAddress: '10.0.0.1' } });
    // An unrouted path is anybody's text: only the service's top-level part is kept.
    expect(lines()[1]).toMatchObject({ req: { method: 'GET', url: '/api/…' } });
  });

  it("keep of an unrouted path only the service's top-level part, whatever the encoding of the rest", () => {
    const { log, text, lines } = capture('info');
    for (const url of ['/api/crm/search/Secret text/zoe%2540partner.example?q=x', '/api', '/zoe.outsider@partner.example/Secret']) log.info({ req: { method: 'GET', url } }, 'incoming request');
    expect(text()).not.toMatch(/Secret|zoe|partner/);
    expect(lines().map((line) => (line.req as { url?: string }).url)).toEqual(['/api/…', '/api', '/…']);
  });
});
