// Secret values anyone can read: the sandboxes' fixed demo credentials (README, src/sandbox). They are fine against
// the local stand-ins and worthless anywhere else, so outside sandbox mode the configuration refuses them: a
// deployment that copied the demo's settings must not run with a client secret or digest key the world knows.
// Listed here because the service may not import the sandbox; test/unit/config keeps the list complete.
export const PUBLISHED_SANDBOX_SECRETS: ReadonlySet<string> = new Set([
  'sandbox-service-secret-change-me',
  'sandbox-c4c-password-change-me',
  'sandbox-state-digest-secret-for-made-up-data-only',
  'sandbox-graph-client-state-secret-0001',
  'sandbox-c4c-webhook-secret-0001',
  'sandbox-c4c-oauth-secret-change-me',
]);
