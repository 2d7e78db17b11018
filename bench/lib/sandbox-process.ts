// The Graph and C4C sandboxes in a child process of their own, so that a benchmark measuring the service's CPU time
// in its own process does not also count the sandboxes' work. Run as a script, it starts the pair on ephemeral ports,
// prints their URLs as one JSON line, and stops when its parent closes its stdin (or dies).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startSandboxPair, trustSandboxCertificate } from './service-stack.js';
import { isMain } from './report.js';

export interface SandboxProcess {
  graphUrl: string;
  c4cUrl: string;
  pid: number;
  close(): Promise<void>;
}

export async function spawnSandboxProcess(): Promise<SandboxProcess> {
  trustSandboxCertificate();
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it was ready`)));
  });
  const { graphUrl, c4cUrl } = JSON.parse(first) as { graphUrl: string; c4cUrl: string };
  return {
    graphUrl,
    c4cUrl,
    pid: child.pid ?? 0,
    close: async () => {
      child.stdin.end();
      await exited;
      process.removeListener('exit', killOnExit);
    },
  };
}

if (isMain(import.meta.url)) {
  const pair = await startSandboxPair();
  process.stdout.write(`${JSON.stringify({ graphUrl: pair.graphUrl, c4cUrl: pair.c4cUrl })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => void pair.close().then(() => process.exit(0)));
}
