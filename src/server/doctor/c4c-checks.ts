// The doctor's C4C checks: the service root with a CSRF token, the technical user's rights on every entity set the
// product uses (docs/deploy.md, section 4), then the service's endpoint for C4C's consumer (c4c-consumer-check.ts).
import pMap from 'p-map';
import type { CrmProbes, CrmWritableRoot, ProbeFailure } from '../ports/doctor-probes.js';
import { consumerCheck, type C4cCheckSettings } from './c4c-consumer-check.js';
import { described, fail, ok, skip, type CheckResult } from './check.js';

export type { C4cCheckSettings };

/** What the service reads, by entity set (and the function import it calls), as docs/deploy.md lists them. */
export const C4C_READ_SETS = [
  'AppointmentCollection',
  'VisitCollection',
  'AppointmentInvolvedPartiesCollection',
  'VisitPartyCollection',
  'AppointmentBTDReferenceCollection',
  'VisitBTDReferenceCollection',
  'AppointmentTextCollectionCollection',
  'VisitTextCollectionCollection',
  'TasksCollection',
  'TasksTextCollectionCollection',
  'TasksBTDReferenceCollection',
  'EmployeeCollection',
  'ContactCollection',
  'CorporateAccountCollection',
  'IndividualCustomerCollection',
  'LeadCollection',
  'OpportunityCollection',
  'ServiceRequestCollection',
  'SalesQuoteCollection',
  'CustomerOrderCollection',
  'EMailCollection',
  'AppointmentLifeCycleStatusCodeCollection',
  'VisitStatusCollection',
  'AppointmentInvolvedPartiesRoleCodeCollection',
  'TasksStatusCollection',
  'TasksPriorityCodeCollection',
  'TasksTextCollectionTypeCodeCollection',
  'IdentityGetLoggedInUserInfo',
] as const;

const WRITE_ROOTS: readonly CrmWritableRoot[] = ['AppointmentCollection', 'VisitCollection', 'TasksCollection'];

const ARRANGEMENT = 'C4C › Administrator › Communication Arrangements › (the service\'s arrangement, scenario OData Services for Business Objects)';

function csrfFix(failure: ProbeFailure): string {
  if (failure.status === 401) return 'C4C_USER / C4C_PASSWORD are not the technical user of the communication arrangement: set its password there and copy both (docs/deploy.md, section 4).';
  if (failure.status === 404) return 'C4C_BASE_URL is not the c4codataapi service root: https://<tenant>.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/.';
  if (failure.status === 403) return `The technical user may not use the OData API: add the service in ${ARRANGEMENT}.`;
  return 'Check C4C_BASE_URL and that this machine reaches the tenant (proxy, firewall).';
}

export async function c4cChecks(crm: CrmProbes, settings: C4cCheckSettings, fetchImpl: typeof fetch = fetch): Promise<CheckResult[]> {
  const lines: CheckResult[] = [];
  const csrf = await crm.csrf();
  if (!csrf.ok) {
    lines.push(fail('c4c.csrf', 'C4C reachable, with a CSRF token', described(csrf), csrfFix(csrf)));
    lines.push(skip('c4c.read', "C4C: the technical user's read access", 'not run: C4C not reached'));
    lines.push(skip('c4c.write', "C4C: the technical user's write access", 'not run: C4C not reached'));
  } else {
    lines.push(ok('c4c.csrf', 'C4C reachable, with a CSRF token', 'the technical user signed in; token issued'));
    // A few at a time, as the service's own reads go: C4C throttles bursts.
    const reads = await pMap(C4C_READ_SETS, async (set) => ({ set, outcome: await crm.read(set) }), { concurrency: 4 });
    const refused = reads.filter((r) => !r.outcome.ok);
    const readTitle = `C4C: the technical user reads the ${C4C_READ_SETS.length} entity sets the product uses`;
    if (refused.length === 0) lines.push(ok('c4c.read', readTitle, 'all readable'));
    else {
      const detail = refused.map((r) => `${r.set} (${r.outcome.ok ? '' : described(r.outcome)})`).join('; ');
      lines.push(fail('c4c.read', readTitle, `refused: ${detail}`, `Give the technical user read access to these in ${ARRANGEMENT} (docs/deploy.md, section 4).`));
    }
    for (const root of WRITE_ROOTS) {
      const outcome = await crm.write(root);
      const title = `C4C: the technical user creates and updates ${root}`;
      lines.push(outcome.ok ? ok(`c4c.write.${root}`, title, outcome.note ?? 'written') : fail(`c4c.write.${root}`, title, described(outcome), `Give the technical user create and update access to ${root} in ${ARRANGEMENT} (docs/deploy.md, section 4).`));
    }
  }
  lines.push(await consumerCheck(settings, fetchImpl));
  return lines;
}
