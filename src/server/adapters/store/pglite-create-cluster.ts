// Run as its own short-lived Node process by pglite-cluster.ts (Node strips the types; this file imports nothing of
// ours, so it runs without a loader): creates a PGlite cluster in the folder given as its argument and exits.
// Why a process of its own: PGlite runs `initdb` inside its WebAssembly memory, which never shrinks, so creating the
// cluster in the service's process left 300+ MB behind for the life of the service (issue 18's memory goal). Here
// that memory goes back to the system when this process ends.
import { PGlite } from '@electric-sql/pglite';

const [folder, ...conf] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('usage: pglite-create-cluster.ts <folder> [postgresql.conf line ...]\n');
  process.exit(2);
}
try {
  const pglite = await PGlite.create(folder, { postgresqlconf: conf });
  await pglite.close();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
