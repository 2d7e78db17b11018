// The contact merge (R12 for R14) under random edits of both sides since the last sync, with the base kept as keyed
// digests as the store keeps it: both sides end equal in what C4C holds, one-sided changes survive, e-mail lists
// merge by value (Outlook's additions kept, removals on either side honoured, C4C's new primary first), read-only
// kinds are reverted, and merging the result again changes nothing.
import fc from 'fast-check';
import { contactCanonicalFields, canonicalList } from '../../src/server/domain/contact-canonical.js';
import { emptyContact, type ContactKind, type NormalizedContact } from '../../src/server/domain/contact-item.js';
import { CRM_WRITABLE_FIELDS, OUTLOOK_LIST_LIMITS, mergeContact } from '../../src/server/domain/contact-merge.js';
import { applyPatch } from '../../src/server/domain/family.js';
import { baseOfDigests, digestsOf } from '../../src/server/domain/state-digest.js';
import { TEST_SEAL } from '../support/test-sealer.js';
import { numRuns } from './support/runs.js';

const POOL = ['ann@acme.example', 'bob@acme.example', 'cy@acme.example', 'dee@acme.example', 'eve@acme.example'];
const kindArb = fc.constantFrom<ContactKind>('contact', 'individualCustomer', 'employee', 'account');
const listArb = fc.uniqueArray(fc.constantFrom(...POOL), { maxLength: 3 });
const nameArb = fc.constantFrom('Ada', 'Bo', 'Cy', ' Ada ', 'Dee');

/** What C4C holds of a contact: its primary address only. */
const crmView = (c: NormalizedContact): NormalizedContact => ({ ...c, emails: c.emails.slice(0, 1), businessPhones: c.businessPhones.slice(0, 1) });
const baseView = (synced: NormalizedContact) => baseOfDigests<NormalizedContact>(TEST_SEAL, contactCanonicalFields, digestsOf(TEST_SEAL, contactCanonicalFields(synced)));

const scenarioArb = fc.record({
  kind: kindArb,
  baseEmails: listArb,
  baseName: nameArb,
  outlookEmails: fc.option(listArb, { nil: undefined }),
  outlookName: fc.option(nameArb, { nil: undefined }),
  // C4C's edit of its one address: a new one, none, or unchanged.
  crmEmail: fc.option(fc.option(fc.constantFrom(...POOL), { nil: null }), { nil: undefined }),
  crmName: fc.option(nameArb, { nil: undefined }),
  winner: fc.constantFrom('outlook' as const, 'crm' as const),
});

describe('contact merge (property)', () => {
  it('converges, keeps one-sided changes, merges e-mails by value and reverts what C4C does not take', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const synced: NormalizedContact = { ...emptyContact(), givenName: s.baseName.trim(), surname: 'King', emails: s.baseEmails };
        const outlook: NormalizedContact = { ...synced, emails: s.outlookEmails ?? synced.emails, givenName: s.outlookName ?? synced.givenName };
        const crmBefore = crmView(synced);
        const crm: NormalizedContact = {
          ...crmBefore,
          emails: s.crmEmail === undefined ? crmBefore.emails : s.crmEmail === null ? [] : [s.crmEmail],
          givenName: s.crmName ?? crmBefore.givenName,
        };
        const result = mergeContact({ base: baseView(synced), outlook, crm, kind: s.kind, winner: s.winner, ours: null });
        const outlookAfter = applyPatch(outlook, result.outlookPatch);
        const crmAfter = applyPatch(crm, result.crmPatch);
        const writable = CRM_WRITABLE_FIELDS[s.kind];

        // Converged: C4C holds Outlook's primary, and the same names.
        expect(canonicalList('emails', crmAfter.emails).slice(0, 1)).toEqual(canonicalList('emails', outlookAfter.emails).slice(0, 1));
        expect(outlookAfter.givenName.trim()).toBe(crmAfter.givenName.trim());
        expect(outlookAfter.emails.length).toBeLessThanOrEqual(OUTLOOK_LIST_LIMITS.emails);

        if (!writable.includes('emails')) {
          // Read-only in Outlook: C4C's values come back, nothing is written to C4C.
          expect(result.crmPatch).toEqual({});
          expect(canonicalList('emails', outlookAfter.emails)).toEqual(canonicalList('emails', crm.emails));
        } else {
          const after = new Set(canonicalList('emails', outlookAfter.emails));
          const crmReplaced = s.crmEmail !== undefined && crmBefore.emails[0] !== crm.emails[0];
          const removedByOutlook = synced.emails.filter((e) => !outlook.emails.includes(e));
          const addedByOutlook = outlook.emails.filter((e) => !synced.emails.includes(e));
          for (const e of removedByOutlook) expect(after.has(e)).toBe(false);
          if (crmReplaced && crmBefore.emails[0] !== undefined) expect(after.has(crmBefore.emails[0])).toBe(false);
          // C4C's new address leads, unless Outlook removed that very address meanwhile.
          const crmNew = crmReplaced ? crm.emails[0] : undefined;
          if (crmNew !== undefined && !removedByOutlook.includes(crmNew)) expect(canonicalList('emails', outlookAfter.emails)[0]).toBe(crmNew);
          // Outlook's additions stay, as far as Outlook has room beside C4C's new address.
          const room = OUTLOOK_LIST_LIMITS.emails - (crmNew !== undefined && !outlook.emails.includes(crmNew) ? 1 : 0);
          const kept = outlook.emails.filter((e) => e !== crmBefore.emails[0] || !crmReplaced);
          for (const e of addedByOutlook) if (kept.indexOf(e) < room) expect(after.has(e)).toBe(true);
        }

        // A name changed on one side only is that side's; on both, the winner's (where C4C takes names at all).
        const outlookChanged = outlook.givenName.trim() !== synced.givenName;
        const crmChanged = crm.givenName.trim() !== synced.givenName;
        if (!writable.includes('givenName')) expect(outlookAfter.givenName.trim()).toBe(crm.givenName.trim());
        else if (outlookChanged && !crmChanged) expect(crmAfter.givenName.trim()).toBe(outlook.givenName.trim());
        else if (crmChanged && !outlookChanged) expect(outlookAfter.givenName.trim()).toBe(crm.givenName.trim());

        // Stable: merged against itself, nothing more to write.
        const again = mergeContact({ base: baseView(outlookAfter), outlook: outlookAfter, crm: crmAfter, kind: s.kind, winner: s.winner, ours: null });
        expect(again.outlookPatch).toEqual({});
        expect(again.crmPatch).toEqual({});
      }),
      { numRuns: numRuns(1000) },
    );
  });
});
