// README.md and docs/*.md are what a user of a fresh clone reads: no dead relative links or anchors, no quoted
// repository path that does not exist, and nothing that exists only outside the repository. The READMEs beside the
// code are held to the same.
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { anchorsOf, checkDocs, formatProblems, headingSlug } from '../../support/doc-links.js';

const root = join(import.meta.dirname, '../../..');

function documents(base: string): string[] {
  const docs = join(base, 'docs');
  return [join(base, 'README.md'), ...readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => join(docs, f))];
}

/** The Markdown files under a folder (the READMEs beside the code, the benchmark results). */
function markdownUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : markdownUnder(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** A throw-away repository with the given files (path → content). */
function tree(files: Record<string, string>): string {
  const base = mkdtempSync(join(tmpdir(), 'doc-links-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), content);
  }
  return base;
}

describe('the documentation links', () => {
  it('README.md and docs/*.md have no dead links, missing paths or references outside the repository', () => {
    const files = documents(root);
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(formatProblems(checkDocs(root, files))).toBe('');
  });

  it('the READMEs beside the code (src/, test/, bench/) have none either', () => {
    const files = ['src', 'test', 'bench'].flatMap((dir) => markdownUnder(join(root, dir)));
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(formatProblems(checkDocs(root, files))).toBe('');
  });

  it('reports a link to a file that does not exist, and one to a missing anchor', () => {
    const base = tree({
      'README.md': '# Title\n\nSee [the rules](docs/rules.md) and [deploying](docs/deploy.md#step-9).\n',
      'docs/deploy.md': '# Deploy\n\n## Step 1: Entra\n',
    });
    const problems = checkDocs(base, documents(base));
    expect(problems).toEqual([
      { file: 'README.md', line: 3, target: 'docs/rules.md', reason: 'no such file in the repository' },
      { file: 'README.md', line: 3, target: 'docs/deploy.md#step-9', reason: 'no heading with the anchor #step-9 in docs/deploy.md' },
    ]);
  });

  it('reports links and mentions that only work outside the repository', () => {
    const base = tree({
      'README.md': ['# Title', '', 'Rules: [design](../shared/DESIGN.md).', 'Data in `/work/main/.data`.', 'As DESIGN §4 says.', '[local](/etc/hosts)', '```sh', 'cd /work/main', '```', ''].join('\n'),
      'docs/a.md': '# A\n\n[built](../dist/addin/taskpane.html), `src/missing.ts`\n',
      'dist/addin/taskpane.html': '<html></html>',
    });
    const reasons = checkDocs(base, documents(base)).map((p) => `${p.file}:${p.line} ${p.reason}`);
    expect(reasons).toEqual([
      'README.md:3 points outside the repository',
      'README.md:6 is an absolute path; link relative to the document',
      "README.md:3 names ../shared, which a clone does not have",
      'README.md:3 names DESIGN.md, which is not part of the repository (use docs/)',
      'README.md:4 names a path on a developer machine (/work/...)',
      'README.md:5 names DESIGN.md, which is not part of the repository (use docs/)',
      'README.md:8 names a path on a developer machine (/work/...)',
      'docs/a.md:3 points into a folder a clone does not have (build output, dependencies, local data)',
      'docs/a.md:3 names a repository path that does not exist',
    ]);
  });

  it('accepts good links: same-file anchors, other documents, folders, web addresses; ignores code', () => {
    const base = tree({
      'README.md': [
        '# CRM sync',
        '## Restart safety: subscriptions, mass changes and the C4C system',
        '[up](#restart-safety-subscriptions-mass-changes-and-the-c4c-system) [deploy](docs/deploy.md#2-the-services-app-registration)',
        '[src](src/) [web](https://learn.microsoft.com/graph) `src/app.ts` `c4c.json` `docs/*.md`',
        '```sh',
        'curl [not a link](nowhere.md) `src/not-checked-in-a-block.ts`',
        '```',
        'Inline `[not a link](nowhere.md)` either.',
      ].join('\n'),
      'docs/deploy.md': "# Deploy\n\n## 2. The service's app registration\n",
      'src/app.ts': '',
    });
    expect(formatProblems(checkDocs(base, documents(base)))).toBe('');
  });
});

describe('heading anchors', () => {
  it('are made as GitHub makes them', () => {
    expect(headingSlug('R1–R15 at a glance')).toBe('r1r15-at-a-glance');
    expect(headingSlug('`npm start` and **what** you see')).toBe('npm-start-and-what-you-see');
    expect(headingSlug('Settings (`SYNC_INTERVAL_MINUTES`)')).toBe('settings-sync_interval_minutes');
    expect([...anchorsOf('# A\n## Notes\n## Notes\n<a id="custom"></a>\n```\n# not a heading\n```\n')]).toEqual(['a', 'notes', 'notes-1', 'custom']);
  });
});
