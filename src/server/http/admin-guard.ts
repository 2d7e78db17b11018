// The admin routes' check on top of /api's token check (api-guard.ts sets `req.caller`): a caller without a valid
// token gets 401, one whose token lacks the admin app role (ADMIN_ROLE) gets 403.
import { HttpError } from './errors.js';
import type { VerifiedCaller } from './token-verifier.js';

export function requireAdmin(caller: VerifiedCaller | undefined, adminRole: string): VerifiedCaller {
  if (!caller) throw new HttpError(401, 'unauthorized', 'Sign in first.');
  if (!caller.roles.includes(adminRole)) throw new HttpError(403, 'forbidden', `This needs the ${adminRole} app role.`);
  return caller;
}
