// Local network helpers shared by the test harnesses and the benchmarks.
import { createServer } from 'node:net';
import tls from 'node:tls';
import { SANDBOX_TLS_CERT } from '../../src/sandbox/identity/tls-material.js';

/** A port that was free a moment ago on 127.0.0.1 (for children that must be told their port up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let caTrusted = false;
/** MSAL only talks to https authorities: trust the sandbox identity's fixed certificate in this process. */
export function trustSandboxCertificate(): void {
  if (caTrusted) return;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), SANDBOX_TLS_CERT]);
  caTrusted = true;
}
