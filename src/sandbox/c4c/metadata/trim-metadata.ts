// One-off CLI: cuts the 2.3 MB tenant $metadata (shared/c4c/c4codataapi-metadata.xml) down to the entity sets the
// product uses, their child sets, the code-list sets their properties reference (c4c:value-help) and the function
// imports the sandbox serves. The output is committed beside this file, so the sandbox starts fast and the SAP
// Cloud SDK generator can read the same document. The source is one line of regular XML, so plain string surgery
// keeps every kept element byte-for-byte as SAP wrote it.
//   npx tsx src/sandbox/c4c/metadata/trim-metadata.ts [source.xml]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const KEPT_ENTITY_SETS = [
  'AppointmentCollection', 'AppointmentInvolvedPartiesCollection', 'AppointmentOtherPartiesCollection',
  'AppointmentBTDReferenceCollection', 'AppointmentTextCollectionCollection',
  'VisitCollection', 'VisitPartyCollection', 'VisitBTDReferenceCollection', 'VisitTextCollectionCollection',
  'TasksCollection', 'TasksInvolvedPartiesCollection', 'TasksBTDReferenceCollection', 'TasksTextCollectionCollection',
  'CorporateAccountCollection', 'ContactCollection', 'IndividualCustomerCollection', 'LeadCollection',
  'OpportunityCollection', 'ServiceRequestCollection', 'SalesQuoteCollection', 'CustomerOrderCollection',
  'EmployeeCollection', 'EMailCollection', 'LoggedInUserInfoCollection',
  // The account team: the sync list's admin rule reads the accounts an employee is in the team of.
  'CorporateAccountTeamCollection',
];

export const KEPT_FUNCTION_IMPORTS = [
  'CheckAppointmentByGroupwareID', 'CheckVisitByGroupwareID', 'IdentityGetLoggedInUserInfo',
  'CorporateAccountQueryByElements', 'ContactQueryByElements', 'IndividualCustomerQueryByElements',
  'OpportunityQueryByElements', 'SalesQuoteQueryByElements',
];

const attr = (el: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(el)?.[1];

/** All elements `<tag …/>` or `<tag …>…</tag>` (no nesting of the same tag in this document). */
function elements(xml: string, tag: string): string[] {
  return xml.match(new RegExp(`<${tag} [^>]*?(?:/>|>.*?</${tag}>)`, 'g')) ?? [];
}

export function trimMetadata(source: string, keepSets: readonly string[] = KEPT_ENTITY_SETS, keepFunctions: readonly string[] = KEPT_FUNCTION_IMPORTS): string {
  const setEls = elements(source, 'EntitySet');
  const typeOfSet = new Map(setEls.map((el) => [attr(el, 'Name') ?? '', (attr(el, 'EntityType') ?? '').replace('c4codata.', '')]));
  const keptTypes = new Set(keepSets.map((s) => typeOfSet.get(s) ?? ''));
  const typeEls = elements(source, 'EntityType').filter((el) => keptTypes.has(attr(el, 'Name') ?? ''));
  const valueHelps = new Set<string>();
  for (const el of typeEls) for (const m of el.matchAll(/c4c:value-help="([^"]*)"/g)) valueHelps.add(m[1] ?? '');
  const keptSets = new Set([...keepSets, ...[...valueHelps].filter((s) => typeOfSet.has(s))]);
  for (const s of keptSets) keptTypes.add(typeOfSet.get(s) ?? '');

  const assocEls = elements(source, 'Association').filter((el) =>
    [...el.matchAll(/<End Type="c4codata\.([^"]*)"/g)].every((m) => keptTypes.has(m[1] ?? '')));
  const keptAssocs = new Set(assocEls.map((el) => `c4codata.${attr(el, 'Name')}`));
  const assocSetEls = elements(source, 'AssociationSet').filter((el) =>
    keptAssocs.has(attr(el, 'Association') ?? '') &&
    [...el.matchAll(/<End EntitySet="([^"]*)"/g)].every((m) => keptSets.has(m[1] ?? '')));
  const keptTypeEls = elements(source, 'EntityType')
    .filter((el) => keptTypes.has(attr(el, 'Name') ?? ''))
    .map((el) => el.replace(/<NavigationProperty [^>]*\/>/g, (nav) => (keptAssocs.has(attr(nav, 'Relationship') ?? '') ? nav : '')));
  const funcEls = elements(source, 'FunctionImport').filter((el) => keepFunctions.includes(attr(el, 'Name') ?? ''));

  const head = source.slice(0, source.indexOf('<EntityType '));
  const container = /<EntityContainer [^>]*>/.exec(source)?.[0] ?? '';
  return [
    head, ...keptTypeEls, ...elements(source, 'ComplexType'), ...assocEls, container,
    ...setEls.filter((el) => keptSets.has(attr(el, 'Name') ?? '')), ...assocSetEls, ...funcEls,
    '</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>',
  ].join('');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = readFileSync(process.argv[2] ?? '/work/shared/c4c/c4codataapi-metadata.xml', 'utf8');
  const out = trimMetadata(source);
  writeFileSync(join(here, 'c4codataapi.xml'), out);
  console.warn(`wrote ${out.length} bytes (${(out.match(/<EntitySet /g) ?? []).length} entity sets)`);
}
