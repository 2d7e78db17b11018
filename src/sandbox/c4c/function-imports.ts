// The function imports the product calls: CheckAppointmentByGroupwareID / CheckVisitByGroupwareID (POST,
// Edm.Boolean), IdentityGetLoggedInUserInfo (GET, LoggedInUserInfo collection) and the *QueryByElements searches
// of the linkable objects. Parameters come from the query string as OData literals ('text') or plain values.
import { badRequest } from './errors.js';
import { compileFilter } from './filter-compile.js';
import type { FilterNode } from './filter-parser.js';
import type { QueryOptions } from './query-options.js';
import { runQuery } from './query-exec.js';
import type { FunctionImportDef } from './schema.js';
import { collectionBody, entityJson, type SerializeContext } from './serialize.js';
import { isVisible, type ReadRestriction } from './access.js';
import type { Row } from './store.js';

/** Who is calling: the technical user (Basic) or a demo user (Bearer), with their employee row if any. */
export interface CallerIdentity {
  userId: string;
  displayName: string;
  email?: string;
  employee?: Row;
  /** The identity's UUID when it is not the employee's: the technical user's is the tenant's system identity. */
  uuid?: string;
  /** What a business user may read (access.ts); absent for the technical user, who reads everything. */
  restriction?: ReadRestriction;
}

interface FunctionContext extends SerializeContext {
  caller: CallerIdentity;
}

/** Parameter names that differ from the property they search. */
const PARAM_ALIASES: Record<string, string> = {
  EMailURI: 'Email',
  StatusCode: 'LifeCycleStatusCode',
  EmployeeResponsibleID: 'MainEmployeeResponsiblePartyID',
  BuyerID: 'BuyerPartyID',
  ContactUUID: 'ContactUUID',
};

export function literalParam(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  const m = /^(?:[a-z]+)?'((?:[^']|'')*)'$/s.exec(raw);
  return m ? (m[1] ?? '').replaceAll("''", "'") : raw;
}

function countOrDefault(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`Invalid number '${raw}'`, 'INVALID_PARAMETER');
  return Number(raw);
}

function checkGroupware(ctx: FunctionContext, fn: FunctionImportDef, query: URLSearchParams, set: string): unknown {
  const id = literalParam(query.get('GroupwareItemID'));
  if (id === undefined || id === '') throw badRequest(`Parameter GroupwareItemID is mandatory for ${fn.name}`, 'INVALID_PARAMETER');
  // The index matches regardless of case; the check itself is exact.
  const exists = ctx.store.index(set, 'GroupwareItemID').lookup(id, true).some((oid) => ctx.store.get(set, oid)?.values['GroupwareItemID'] === id);
  return { d: { [fn.name]: exists } };
}

function loggedInUser(ctx: FunctionContext): unknown {
  const set = ctx.schema.entitySets.get('LoggedInUserInfoCollection');
  if (!set) throw badRequest('LoggedInUserInfoCollection is not served', 'INVALID_PATH');
  const e = ctx.caller.employee?.values;
  const row: Row = {
    id: `LOGGEDIN${ctx.caller.userId}`.slice(0, 70),
    etagIso: '',
    values: {
      ObjectID: `LOGGEDIN${ctx.caller.userId}`.slice(0, 70),
      UserID: ctx.caller.userId,
      UserName: ctx.caller.displayName,
      UserAccountID: ctx.caller.userId,
      // Edm.Guid: OData v2 JSON carries it as a plain lower-case string (00163e03-a070-…), as the other Guids here.
      UUID: ctx.caller.uuid ?? (e?.['UUID'] as string | undefined) ?? null,
      EmployeeID: (e?.['EmployeeID'] as string | undefined) ?? null,
      BusinessPartnerID: (e?.['BusinessPartnerID'] as string | undefined) ?? null,
      EmployeeUUID: (e?.['UUID'] as string | undefined) ?? null,
      Email: ctx.caller.email ?? null,
    },
  };
  return collectionBody([entityJson(ctx, set, row)]);
}

function queryByElements(ctx: FunctionContext, fn: FunctionImportDef, query: URLSearchParams): unknown {
  const set = fn.entitySet ? ctx.schema.entitySets.get(fn.entitySet) : undefined;
  if (!set) throw badRequest(`Function import ${fn.name} has no entity set`, 'INVALID_PATH');
  let filter: FilterNode | undefined;
  let search: string | undefined;
  for (const param of fn.params) {
    const value = literalParam(query.get(param.name));
    if (value === undefined || value === '' || param.name === 'NumberOfRows' || param.name === 'StartRow') continue;
    if (param.name === 'SearchText') {
      search = value.replaceAll('*', '');
      continue;
    }
    const prop = set.type.properties.get(PARAM_ALIASES[param.name] ?? param.name);
    if (!prop?.filterable || prop.type !== 'Edm.String') continue;
    const node: FilterNode = { kind: 'compare', op: 'eq', property: prop.name, value: { type: 'string', value } };
    filter = filter ? { kind: 'and', left: filter, right: node } : node;
  }
  const top = countOrDefault(literalParam(query.get('NumberOfRows')), 1000);
  const skip = countOrDefault(literalParam(query.get('StartRow')), 0);
  const opts: QueryOptions = {
    filter: filter ? compileFilter(set.type, filter) : undefined,
    expand: [],
    orderby: [],
    top,
    skip,
    inlinecount: false,
    search,
    raw: new URLSearchParams(),
  };
  const rows = runQuery(ctx.store, set.name, opts, undefined, (row) => isVisible(ctx.caller.restriction, set.name, row)).rows;
  return collectionBody(rows.map((r) => entityJson(ctx, set, r)));
}

export function callFunctionImport(ctx: FunctionContext, fn: FunctionImportDef, query: URLSearchParams): unknown {
  switch (fn.name) {
    case 'CheckAppointmentByGroupwareID':
      return checkGroupware(ctx, fn, query, 'AppointmentCollection');
    case 'CheckVisitByGroupwareID':
      return checkGroupware(ctx, fn, query, 'VisitCollection');
    case 'IdentityGetLoggedInUserInfo':
      return loggedInUser(ctx);
    default:
      if (fn.name.endsWith('QueryByElements')) return queryByElements(ctx, fn, query);
      throw badRequest(`Function import ${fn.name} is not implemented by the sandbox`, 'NOT_IMPLEMENTED');
  }
}
