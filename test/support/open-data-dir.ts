// Child-process helper for the data-folder lock test: opens the embedded store on the folder given as argument,
// like a second `npm start` would, and reports the outcome on stdout as JSON (exit code 0 opened, 3 refused).
import { DataDirLockedError, openDatabase } from '../../src/server/adapters/store/index.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: open-data-dir.ts <data dir>');
  process.exit(2);
}
try {
  const { db } = await openDatabase({ dataDir });
  console.log(JSON.stringify({ opened: true }));
  await db.close();
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.log(JSON.stringify({ opened: false, code: error.code, message: error.message }));
    process.exit(3);
  }
  throw error;
}
