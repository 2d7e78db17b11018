// Child-process helper for the data-folder tests: opens the embedded store on the folder given as argument, like a
// second `npm start` would, and reports the outcome on stdout as JSON (exit code 0 opened, 3 refused), with the
// process's RSS once the database is open and migrated (the memory a new folder's creation leaves behind).
import { DataDirLockedError, openDatabase } from '../../src/server/adapters/store/index.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: open-data-dir.ts <data dir>');
  process.exit(2);
}
try {
  const { db } = await openDatabase({ dataDir });
  console.log(JSON.stringify({ opened: true, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }));
  await db.close();
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.log(JSON.stringify({ opened: false, code: error.code, message: error.message }));
    process.exit(3);
  }
  throw error;
}
