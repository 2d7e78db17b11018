// The dependency rules (docs/architecture.md, "Dependency rules"), enforced in `npm test` (npm run lint:deps).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-a-leaf',
      comment: 'src/shared is pure TS used by add-in, server and sandbox (contracts, protocol vocabulary): it imports nothing of ours.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'msal-browser-only-in-addin-auth',
      severity: 'error',
      comment: 'MSAL is the sign-in code of the add-in (src/addin/auth) and of the admin console (src/admin/auth).',
      from: { pathNot: '^src/(addin|admin)/auth/' },
      to: { path: '@azure/msal-browser' },
    },
    {
      name: 'office-mocks-only-in-addin-office-tests',
      comment: 'Office.js is global; its helpers live in src/addin/office. Nothing else in src imports office packages.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/addin/office/' },
      to: { path: 'office-addin-mock|@microsoft/office-js' },
    },
    {
      name: 'components-take-props-only',
      comment: 'Task-pane components take props; they never reach Office.js, MSAL or the API client. Their words (src/addin/text) are plain data.',
      severity: 'error',
      from: { path: '^src/taskpane/components/' },
      to: { path: '^src/addin/', pathNot: '^src/addin/text/' },
    },
    {
      name: 'addin-text-is-a-leaf',
      comment: 'The string catalogs are plain data and functions, so that components may read them: they import nothing of ours.',
      severity: 'error',
      from: { path: '^src/addin/text/' },
      to: { path: '^src/', pathNot: '^src/addin/text/' },
    },
    {
      name: 'commands-never-import-taskpane',
      comment: 'The ribbon commands are a separate page (commands.html); what they share with the pane lives in src/addin or src/shared.',
      severity: 'error',
      from: { path: '^src/commands/' },
      to: { path: '^src/taskpane/' },
    },
    {
      name: 'client-never-imports-server',
      severity: 'error',
      from: { path: '^src/(addin|taskpane|commands|admin)/' },
      to: { path: '^src/(server|sandbox)/' },
    },
    {
      name: 'admin-page-is-office-free',
      comment: 'The admin console (src/admin) is a plain web page: it shares only the contracts (src/shared) with the rest.',
      severity: 'error',
      from: { path: '^src/admin/' },
      to: { path: '^src/(addin|taskpane|commands)/' },
    },
    {
      name: 'nothing-imports-the-admin-page',
      comment: 'Its code must stay out of the task pane bundle.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/admin/' },
      to: { path: '^src/admin/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain <- ports <- sync <- jobs/http',
      severity: 'error',
      from: { path: '^src/server/domain/' },
      to: { path: '^src/server/', pathNot: '^src/server/domain/' },
    },
    {
      name: 'ports-depend-on-domain-only',
      severity: 'error',
      from: { path: '^src/server/ports/' },
      to: { path: '^src/server/', pathNot: '^src/server/(domain|ports)/' },
    },
    {
      name: 'sync-depends-on-ports-and-domain',
      severity: 'error',
      from: { path: '^src/server/sync/' },
      to: { path: '^src/server/', pathNot: '^src/server/(domain|ports|sync)/' },
    },
    {
      name: 'adapters-only-from-main',
      comment:
        'Adapters implement ports and are wired in by the composition root only: main.ts, main-parts.ts and the ' +
        'CLI entry point. Everything else (jobs and http included) works over ports.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/(main|main-parts|cli/main)\\.ts$|^src/server/adapters/' },
      to: { path: '^src/server/adapters/' },
    },
    {
      name: 'composition-root-is-a-root',
      comment: 'Nothing reaches the adapters through the composition root: only the CLI entry point uses its parts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/(main|cli/main)\\.ts$' },
      to: { path: '^src/server/(main|main-parts|cli/main)\\.ts$' },
    },
    {
      name: 'adapters-never-import-each-other',
      severity: 'error',
      from: { path: '^src/server/adapters/([^/]+)/' },
      to: { path: '^src/server/adapters/', pathNot: '^src/server/adapters/$1/|^src/server/adapters/common/' },
    },
    {
      name: 'server-never-imports-sandbox',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'sandbox-never-imports-server',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/(server|addin|taskpane|commands)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
