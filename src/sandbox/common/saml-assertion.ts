// SAML 2.0 bearer assertions between the two sandboxes, as in C4C's OAuth 2.0 SAML bearer flow with Entra ID as
// the identity provider: the identity sandbox issues one on an on-behalf-of request (requested_token_type saml2),
// the C4C sandbox's token endpoint verifies it and issues an access token for the named user.
//
// Signed as Entra signs its assertions: an enveloped XML signature, exclusive canonicalization, RSA-SHA256,
// SHA-256 digest. A general XML-DSig needs a canonicalizer; this one emits the assertion already in canonical form
// (no whitespace between elements, attributes in canonical order, one namespace declaration at the root, empty
// elements written as start and end tag), so the digest is over the bytes as sent. The verifier checks exactly
// that shape and refuses anything else, which is all the sandboxes need: they only exchange their own assertions.
import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
export const NAME_ID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** What an assertion says about its subject, and to whom. */
export interface AssertionClaims {
  /** The IdP: Entra writes `https://sts.windows.net/<tenant id>/`. */
  issuer: string;
  /** The user's e-mail address (NameID format emailAddress, as C4C's OAuth identity provider is set up). */
  nameId: string;
  /** The relying party's entity id (C4C: its SSO "local service provider", e.g. HTTPS://MY000000-SSO.CRM.ONDEMAND.COM). */
  audience: string;
  /** Where the assertion may be presented (C4C's token endpoint). */
  recipient: string;
  notBefore: Date;
  notOnOrAfter: Date;
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escapeAttr = (value: string) => escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function unsignedAssertion(id: string, claims: AssertionClaims, issued: Date): string {
  return (
    `<saml:Assertion xmlns:saml="${SAML}" ID="${id}" IssueInstant="${iso(issued)}" Version="2.0">` +
    `<saml:Issuer>${escapeText(claims.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${NAME_ID_EMAIL}">${escapeText(claims.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${BEARER}"><saml:SubjectConfirmationData NotOnOrAfter="${iso(claims.notOnOrAfter)}" Recipient="${escapeAttr(claims.recipient)}"></saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(claims.notBefore)}" NotOnOrAfter="${iso(claims.notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${escapeText(claims.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(issued)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `</saml:Assertion>`
  );
}

function signedInfo(id: string, digest: string): string {
  return (
    `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></ds:SignatureMethod>` +
    `<ds:Reference URI="#${id}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform>` +
    `<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`
  );
}

/** SignedInfo canonicalized on its own: exclusive c14n declares the `ds` prefix on it, its apex. */
const canonicalSignedInfo = (info: string) => info.replace('<ds:SignedInfo>', `<ds:SignedInfo xmlns:ds="${DS}">`);

const RSA = { name: 'RSASSA-PKCS1-v1_5' } as const;

/** A signed assertion, base64url-encoded as Entra returns it in `access_token` (and RFC 7522 sends it). */
export async function issueAssertion(claims: AssertionClaims, key: { privateKey: webcrypto.CryptoKey; kid: string }, issued = new Date()): Promise<string> {
  const id = `_${randomUUID()}`;
  const unsigned = unsignedAssertion(id, claims, issued);
  const info = signedInfo(id, createHash('sha256').update(unsigned).digest('base64'));
  const signature = Buffer.from(await webcrypto.subtle.sign(RSA, key.privateKey, Buffer.from(canonicalSignedInfo(info)))).toString('base64');
  const element = `<ds:Signature xmlns:ds="${DS}">${info}<ds:SignatureValue>${signature}</ds:SignatureValue><ds:KeyInfo><ds:KeyName>${escapeText(key.kid)}</ds:KeyName></ds:KeyInfo></ds:Signature>`;
  // Enveloped: the signature sits right after the Issuer, where SAML's schema puts it.
  const signed = unsigned.replace('</saml:Issuer>', `</saml:Issuer>${element}`);
  return Buffer.from(signed, 'utf8').toString('base64url');
}

export class AssertionRejected extends Error {}

const between = (text: string, open: string, close: string): string | undefined => {
  const start = text.indexOf(open);
  const end = text.indexOf(close, start + open.length);
  return start < 0 || end < 0 ? undefined : text.slice(start + open.length, end);
};

/**
 * Verifies a base64url (or base64) assertion: the signature with the key its KeyName names, the digest over the
 * assertion without it, and the conditions (issuer, audience, recipient, time). Returns the claims; throws
 * AssertionRejected with the reason otherwise.
 */
export async function verifyAssertion(
  encoded: string,
  expect: { issuer: string; audience: string; recipient?: string; now?: Date },
  keyOf: (kid: string) => Promise<webcrypto.CryptoKey>,
): Promise<AssertionClaims> {
  const xml = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  const sigStart = xml.indexOf(`<ds:Signature xmlns:ds="${DS}">`);
  const sigEnd = xml.indexOf('</ds:Signature>');
  if (!xml.startsWith('<saml:Assertion ') || sigStart < 0 || sigEnd < sigStart || /<ds:Signature[\s>]/.test(xml.slice(sigStart + 1)) || xml.indexOf('<saml:Assertion', 1) >= 0) {
    throw new AssertionRejected('not a signed SAML 2.0 assertion');
  }
  const signatureElement = xml.slice(sigStart, sigEnd + '</ds:Signature>'.length);
  const unsigned = xml.slice(0, sigStart) + xml.slice(sigEnd + '</ds:Signature>'.length);
  const info = `<ds:SignedInfo>${between(signatureElement, '<ds:SignedInfo>', '</ds:SignedInfo>') ?? ''}</ds:SignedInfo>`;
  const id = /^<saml:Assertion [^>]*ID="([^"]+)"/.exec(xml)?.[1];
  if (!id || !info.includes(`<ds:Reference URI="#${id}">`)) throw new AssertionRejected('the signature does not cover the assertion');
  if (between(info, '<ds:DigestValue>', '</ds:DigestValue>') !== createHash('sha256').update(unsigned).digest('base64')) throw new AssertionRejected('digest mismatch: the assertion was changed');
  const kid = between(signatureElement, '<ds:KeyName>', '</ds:KeyName>') ?? '';
  let key: webcrypto.CryptoKey;
  try {
    key = await keyOf(kid);
  } catch {
    throw new AssertionRejected('signed with a key the identity provider does not publish');
  }
  const signature = Buffer.from(between(signatureElement, '<ds:SignatureValue>', '</ds:SignatureValue>') ?? '', 'base64');
  if (!(await webcrypto.subtle.verify(RSA, key, signature, Buffer.from(canonicalSignedInfo(info))))) throw new AssertionRejected('signature invalid');

  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseTagValue: false }).parse(unsigned) as {
    Assertion?: { Issuer?: string; Subject?: { NameID?: { '#text'?: string }; SubjectConfirmation?: { SubjectConfirmationData?: { Recipient?: string } } }; Conditions?: { NotBefore?: string; NotOnOrAfter?: string; AudienceRestriction?: { Audience?: string } } };
  };
  const a = doc.Assertion;
  const claims: AssertionClaims = {
    issuer: String(a?.Issuer ?? ''),
    nameId: String(a?.Subject?.NameID?.['#text'] ?? ''),
    audience: String(a?.Conditions?.AudienceRestriction?.Audience ?? ''),
    recipient: String(a?.Subject?.SubjectConfirmation?.SubjectConfirmationData?.Recipient ?? ''),
    notBefore: new Date(String(a?.Conditions?.NotBefore ?? '')),
    notOnOrAfter: new Date(String(a?.Conditions?.NotOnOrAfter ?? '')),
  };
  const now = (expect.now ?? new Date()).getTime();
  const skew = 60_000;
  if (claims.issuer !== expect.issuer) throw new AssertionRejected(`issuer ${claims.issuer} is not the trusted identity provider`);
  if (claims.audience.toLowerCase() !== expect.audience.toLowerCase()) throw new AssertionRejected('the assertion is for another audience');
  if (expect.recipient && claims.recipient !== expect.recipient) throw new AssertionRejected('the assertion is for another recipient');
  if (!(claims.notBefore.getTime() - skew <= now && now < claims.notOnOrAfter.getTime() + skew)) throw new AssertionRejected('the assertion is not valid now');
  if (!claims.nameId) throw new AssertionRejected('the assertion names no user');
  return claims;
}
