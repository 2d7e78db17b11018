// HTTP Basic as C4C's Event Notification consumer sends it (RFC 7617): the user ends at the first colon.
import { basicCredentialsMatch } from '../../../src/server/http/webhook-secrets.js';

const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
const expected = { user: 'C4C_EVENTS', password: 'pa:ss wörd-0123456789' };

describe('basicCredentialsMatch', () => {
  it('accepts exactly the credentials, with any case of the scheme and a password holding colons and non-ASCII', () => {
    expect(basicCredentialsMatch(basic('C4C_EVENTS:pa:ss wörd-0123456789'), expected)).toBe(true);
    expect(basicCredentialsMatch(basic('C4C_EVENTS:pa:ss wörd-0123456789').replace('Basic', 'basic'), expected)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Bearer ${Buffer.from('C4C_EVENTS:pa:ss wörd-0123456789').toString('base64')}`],
    ['no colon', basic('C4C_EVENTS')],
    ['a wrong user', basic('c4c_events:pa:ss wörd-0123456789')],
    ['a wrong password', basic('C4C_EVENTS:pa:ss wörd-012345678')],
    ['an empty password', basic('C4C_EVENTS:')],
    ['not base64', 'Basic ###'],
    ['trailing data', `${basic('C4C_EVENTS:pa:ss wörd-0123456789')} x`],
  ])('refuses %s', (_what, header) => {
    expect(basicCredentialsMatch(header, expected)).toBe(false);
  });
});
