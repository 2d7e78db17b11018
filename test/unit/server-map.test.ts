// src/server/README.md is the newcomer's map: every file it links to must exist.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '../../src/server');

describe('the map of the sync service', () => {
  it('links only to files that exist', () => {
    const text = readFileSync(join(serverDir, 'README.md'), 'utf8');
    const links = [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(links.length).toBeGreaterThan(15);
    expect(links.filter((link) => !existsSync(join(serverDir, link)))).toEqual([]);
  });
});
