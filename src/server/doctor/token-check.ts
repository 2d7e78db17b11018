// The doctor's first Graph check: an app-only token from Entra ID with CLIENT_ID and CLIENT_SECRET (client
// credentials). A ✖ names the setting Entra refused, from its AADSTS code.
import type { GraphProbes, ProbeFailure } from '../ports/doctor-probes.js';
import { described, fail, ok, type CheckResult } from './check.js';

const ID = 'graph.token';
const TITLE = 'App token from Entra ID';

/** msal-node reports Entra's refusal as `invalid_client` with "AADSTS7000215: Invalid client secret provided…". */
function tokenFix(failure: ProbeFailure): string {
  const text = `${failure.code} ${failure.message}`;
  if (/AADSTS7000215|AADSTS7000222|invalid_client/i.test(text)) {
    return 'CLIENT_SECRET is not a current secret of the app CLIENT_ID: Entra admin center › App registrations › (the service app) › Certificates & secrets › New client secret, then set CLIENT_SECRET to its Value (not its Secret ID) (docs/deploy.md, section 2).';
  }
  if (/AADSTS700016|unauthorized_client/i.test(text)) return "CLIENT_ID names no app of tenant TENANT_ID: copy the Application (client) ID from the app registration's overview.";
  if (/AADSTS90002|invalid_tenant|AADSTS900023/i.test(text)) return "TENANT_ID is not a tenant: copy the Directory (tenant) ID from the app registration's overview.";
  return "Check GRAPH_AUTHORITY (https://login.microsoftonline.com for Microsoft's cloud) and that this machine reaches it (proxy, firewall).";
}

export async function tokenCheck(graph: GraphProbes): Promise<CheckResult> {
  const token = await graph.token();
  return token.ok ? ok(ID, TITLE, 'client credentials accepted') : fail(ID, TITLE, described(token), tokenFix(token));
}
