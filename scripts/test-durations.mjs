#!/usr/bin/env node
// Refreshes test/durations.json, the per-file run times the jest sequencer (test/support/sequencer.mjs) schedules
// by, from the output of a full `npm test` (CI's log): `node scripts/test-durations.mjs < ci.log`.
// Jest prints a file's time only when it took 5 s or more; the others are left out and scheduled after these.
import { readFileSync, writeFileSync } from 'node:fs';

const log = readFileSync(0, 'utf8');
const durations = {};
for (const match of log.matchAll(/^(?:PASS|FAIL) \S+ (\S+) \(([0-9.]+) s\)$/gm)) durations[match[1]] = Math.round(Number(match[2]));
const sorted = Object.fromEntries(Object.entries(durations).sort(([, a], [, b]) => b - a));
if (Object.keys(sorted).length === 0) throw new Error('no "PASS <project> <file> (N s)" lines on stdin: pass the output of a full jest run');
writeFileSync(new URL('../test/durations.json', import.meta.url), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`test/durations.json: ${Object.keys(sorted).length} files, ${Object.values(sorted).reduce((a, b) => a + b, 0)} s in all`);
