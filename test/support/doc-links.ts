// Checks the project's Markdown documents the way a reader of a fresh clone meets them: every relative link must
// reach a file of the repository (and its #anchor a heading there), every repository path quoted in `code` must
// exist, and nothing may send the reader to material that only exists outside the repository (the design notes
// the project was started from, a developer's machine). Pure functions over a folder, so tests can run them on a
// made-up tree as well as on the real one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface DocProblem {
  /** The document, relative to the root. */
  file: string;
  line: number;
  /** The link target or the text at fault. */
  target: string;
  reason: string;
}

/** Folders a clone does not have: build output, dependencies, local data (see .gitignore). */
const NOT_IN_A_CLONE = new Set(['node_modules', 'dist', '.data', 'coverage', 'test-results']);

/**
 * Text that names material outside the repository: the shared design notes the project was started from (a
 * clone has no ../shared) and paths of a developer's machine.
 */
const OUTSIDE_REFERENCES: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /\.\.\/shared\b/, reason: 'names ../shared, which a clone does not have' },
  { pattern: /(^|[\s`("'])\/work\//, reason: 'names a path on a developer machine (/work/...)' },
  { pattern: /\bDESIGN(\.md\b| §)/, reason: 'names DESIGN.md, which is not part of the repository (use docs/)' },
  { pattern: /\b(API|TOOLCHAIN)-NOTES\b/, reason: 'names notes that are not part of the repository' },
];

/**
 * Repository paths written in `code`, always from the repository root: under its top-level folders, and the
 * generated settings file. (Bare file names such as `c4c.json` may name files elsewhere, so they are not checked.)
 */
const REPO_PATH = /^(?:(?:src|test|scripts|docs|bench|assets|\.ci)\/[\w.@/-]*|\.env\.example)$/;

/** Lines of the text with fenced code blocks blanked out (kept as empty lines, so line numbers stay right). */
function withoutFences(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (fence === null && marker) {
      fence = marker[0] ?? null;
      return '';
    }
    if (fence !== null) {
      if (marker && marker[0] === fence) fence = null;
      return '';
    }
    return line;
  });
}

const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;

/** GitHub's anchor of a heading: the rendered text, lower-cased, punctuation dropped, spaces as dashes. */
export function headingSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/\*+/g, '');
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a document offers: its headings' slugs (repeats numbered as GitHub does) and explicit ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = headingSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) if (match[1]) anchors.add(match[1]);
  }
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** Inline links and images, and reference definitions, outside code. */
export function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  withoutFences(markdown).forEach((raw, index) => {
    const line = raw.replace(CODE_SPAN, (span) => ' '.repeat(span.length));
    for (const match of line.matchAll(/!?\[(?:[^\]]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (match[1]) links.push({ line: index + 1, target: match[1] });
    }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/.exec(line)?.[1];
    if (definition) links.push({ line: index + 1, target: definition });
  });
  return links;
}

/** `code` spans outside fenced blocks, with their line. */
export function codeSpansOf(markdown: string): Link[] {
  const spans: Link[] = [];
  withoutFences(markdown).forEach((line, index) => {
    for (const match of line.matchAll(CODE_SPAN)) if (match[2]) spans.push({ line: index + 1, target: match[2].trim() });
  });
  return spans;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function notInAClone(root: string, path: string): boolean {
  return relative(root, path).split(sep).some((segment) => NOT_IN_A_CLONE.has(segment));
}

/** What is wrong with one link of `file`, or null. */
function checkLink(root: string, file: string, target: string, anchorCache: Map<string, Set<string>>): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // https:, mailto:, … : not a file of ours
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : target.slice(hash + 1);
  if (pathPart.startsWith('/')) return 'is an absolute path; link relative to the document';
  const path = pathPart === '' ? file : resolve(dirname(file), pathPart);
  if (!isInside(root, path)) return 'points outside the repository';
  if (notInAClone(root, path)) return 'points into a folder a clone does not have (build output, dependencies, local data)';
  if (!existsSync(path)) return 'no such file in the repository';
  if (anchor === null || anchor === '') return null;
  if (statSync(path).isDirectory() || !path.endsWith('.md')) return null;
  let anchors = anchorCache.get(path);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(path, 'utf8'));
    anchorCache.set(path, anchors);
  }
  return anchors.has(decodeURIComponent(anchor)) ? null : `no heading with the anchor #${anchor} in ${relative(root, path)}`;
}

/** Every problem of the given documents (absolute paths under `root`). */
export function checkDocs(root: string, files: readonly string[]): DocProblem[] {
  const problems: DocProblem[] = [];
  const anchorCache = new Map<string, Set<string>>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = relative(root, file);
    for (const { line, target } of linksOf(text)) {
      const reason = checkLink(root, file, target, anchorCache);
      if (reason) problems.push({ file: name, line, target, reason });
    }
    for (const { line, target } of codeSpansOf(text)) {
      if (!REPO_PATH.test(target) || /[*<>{}…]/.test(target)) continue;
      const path = resolve(root, target);
      if (!isInside(root, path) || notInAClone(root, path) || !existsSync(path)) {
        problems.push({ file: name, line, target, reason: 'names a repository path that does not exist' });
      }
    }
    text.split('\n').forEach((content, index) => {
      for (const { pattern, reason } of OUTSIDE_REFERENCES) {
        const match = pattern.exec(content);
        if (match) problems.push({ file: name, line: index + 1, target: match[0].trim(), reason });
      }
    });
  }
  return problems;
}

/** One line per problem, for a readable test failure. */
export function formatProblems(problems: readonly DocProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.target} ${p.reason}`).join('\n');
}
