// Offline validation of the add-in-only XML manifest (`npm run validate`). Microsoft's validator needs the
// network for XML (TOOLCHAIN-NOTES), so this checks what it can locally: the XML parses, every resid resolves
// to the right resource table, ids are unique, icons exist at their pixel sizes, URLs are HTTPS (and not local
// in the production build); then it converts the manifest to the unified JSON manifest with
// office-addin-manifest-converter and validates that against the schemas office-addin-manifest bundles.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildProductionManifest, isLocalHost } from './build-manifest.js';

export interface ManifestIssue {
  severity: 'error' | 'warning';
  message: string;
}

export interface CheckOptions {
  /** Production build: URLs must also not point at a local host. */
  production: boolean;
  /** Maps an icon URL to the local file it is served from, or null when it isn't one of ours. */
  resolveAsset: (url: string) => string | null;
}

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Record<string, unknown>;

function toNodes(ordered: Ordered[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const entry of ordered) {
    const name = Object.keys(entry).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '#comment' || name.startsWith('?')) continue;
    const kids = entry[name] as Ordered[];
    const text = kids.filter((k) => '#text' in k).map((k) => String(k['#text'])).join('');
    nodes.push({ name, attrs: (entry[':@'] as Record<string, string>) ?? {}, children: toNodes(kids), text });
  }
  return nodes;
}

function* walk(node: XmlNode, parent: XmlNode | null = null): Generator<[XmlNode, XmlNode | null]> {
  yield [node, parent];
  for (const child of node.children) yield* walk(child, node);
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const RESOURCE_TABLES = { 'bt:Images': 'image', 'bt:Urls': 'url', 'bt:ShortStrings': 'short', 'bt:LongStrings': 'long' } as const;
type ResourceKind = (typeof RESOURCE_TABLES)[keyof typeof RESOURCE_TABLES];
const MAX_LENGTH: Record<string, number> = { short: 125, long: 250 };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Elements whose `id` must be unique in the whole manifest (built-in tab ids such as TabDefault repeat). */
const ID_ELEMENTS = new Set(['Group', 'Control', 'Item', 'CustomTab']);
const URL_ELEMENTS = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation', 'bt:Image', 'bt:Url']);

function expectedKind(node: XmlNode, parent: XmlNode | null): ResourceKind | null {
  if (node.name === 'bt:Image') return 'image';
  if (node.name === 'SourceLocation' || node.name === 'FunctionFile') return 'url';
  if (node.name === 'Label' || node.name === 'Title') return 'short';
  if (node.name === 'Description' && parent?.name === 'Supertip') return 'long';
  return null;
}

/** All structural checks on one manifest's XML text. */
export function checkManifestXml(xml: string, options: CheckOptions): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const error = (message: string) => issues.push({ severity: 'error', message });
  const warn = (message: string) => issues.push({ severity: 'warning', message });

  const syntax = XMLValidator.validate(xml);
  if (syntax !== true) {
    error(`XML does not parse: ${syntax.err.msg} (line ${syntax.err.line}, col ${syntax.err.col})`);
    return issues;
  }
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false });
  const root = toNodes(parser.parse(xml) as Ordered[]).find((n) => n.name === 'OfficeApp');
  if (!root) return [{ severity: 'error', message: 'root element is not OfficeApp' }];
  if (root.attrs['xsi:type'] !== 'MailApp') error(`OfficeApp xsi:type is ${root.attrs['xsi:type']}, expected MailApp`);
  const top = (name: string) => root.children.find((c) => c.name === name);

  const id = top('Id')?.text.trim() ?? '';
  if (!GUID.test(id)) error(`Id is not a GUID: "${id}"`);
  const version = top('Version')?.text.trim() ?? '';
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) error(`Version is not n.n.n.n: "${version}"`);
  for (const required of ['ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'Permissions']) {
    if (!top(required)) error(`missing <${required}>`);
  }
  const permissions = top('Permissions')?.text.trim();
  if (permissions && !['Restricted', 'ReadItem', 'ReadWriteItem', 'ReadWriteMailbox'].includes(permissions)) error(`unknown Permissions "${permissions}"`);
  if ((top('DisplayName')?.attrs.DefaultValue ?? '').length > 125) error('DisplayName is longer than 125 characters');
  if ((top('Description')?.attrs.DefaultValue ?? '').length > 250) error('Description is longer than 250 characters');

  // Resources: id → kind and URL, unique across all tables.
  const resources = new Map<string, { kind: ResourceKind; value: string; used: boolean }>();
  const ids = new Set<string>();
  for (const [node, parent] of walk(root)) {
    const kind = parent ? RESOURCE_TABLES[parent.name as keyof typeof RESOURCE_TABLES] : undefined;
    if (kind && node.attrs.id !== undefined) {
      if (resources.has(node.attrs.id)) error(`resource id "${node.attrs.id}" is defined twice`);
      const value = node.attrs.DefaultValue ?? '';
      resources.set(node.attrs.id, { kind, value, used: false });
      if (MAX_LENGTH[kind] && value.length > MAX_LENGTH[kind]) error(`resource "${node.attrs.id}" is longer than ${MAX_LENGTH[kind]} characters`);
      for (const override of node.children.filter((c) => c.name === 'bt:Override')) {
        if (MAX_LENGTH[kind] && (override.attrs.Value ?? '').length > MAX_LENGTH[kind]) error(`resource "${node.attrs.id}" (${override.attrs.Locale}) is longer than ${MAX_LENGTH[kind]} characters`);
      }
    } else if (ID_ELEMENTS.has(node.name) && node.attrs.id !== undefined) {
      if (ids.has(node.attrs.id)) error(`id "${node.attrs.id}" is used by more than one ${node.name}/control`);
      ids.add(node.attrs.id);
    }
  }

  // Every resid resolves, to the table its element needs; image references carry a size we check later.
  const imageRefs: { url: string; size: number; where: string }[] = [];
  let hasExecuteFunction = false;
  let hasFunctionFile = false;
  for (const [node, parent] of walk(root)) {
    if (node.name === 'Action' && node.attrs['xsi:type'] === 'ExecuteFunction') {
      hasExecuteFunction = true;
      if (!node.children.some((c) => c.name === 'FunctionName' && c.text.trim())) error('ExecuteFunction action without FunctionName');
    }
    if (node.name === 'FunctionFile') hasFunctionFile = true;
    if (node.name === 'Icon') {
      const sizes = node.children.filter((c) => c.name === 'bt:Image').map((c) => Number(c.attrs.size));
      for (const size of [16, 32, 80]) if (!sizes.includes(size)) error(`an Icon lacks its ${size}px image`);
    }
    const resid = node.attrs.resid;
    if (resid === undefined) continue;
    const resource = resources.get(resid);
    if (!resource) {
      error(`resid "${resid}" on <${node.name}> does not resolve`);
      continue;
    }
    resource.used = true;
    const kind = expectedKind(node, parent);
    if (kind && kind !== resource.kind) error(`resid "${resid}" on <${node.name}> points at a ${resource.kind} resource, expected ${kind}`);
    if (node.name === 'bt:Image') imageRefs.push({ url: resource.value, size: Number(node.attrs.size), where: `resid ${resid}` });
  }
  if (hasExecuteFunction && !hasFunctionFile) error('ExecuteFunction buttons need a FunctionFile');
  for (const [rid, resource] of resources) if (!resource.used) warn(`resource "${rid}" is never used`);

  // URLs: HTTPS everywhere, not local in production, origins covered by AppDomains.
  const appDomains = root.children.find((c) => c.name === 'AppDomains')?.children.map((c) => c.text.trim()) ?? [];
  const urls: { url: string; where: string }[] = appDomains.map((d) => ({ url: d, where: 'AppDomain' }));
  for (const [node] of walk(root)) {
    if (!URL_ELEMENTS.has(node.name)) continue;
    if (node.attrs.DefaultValue !== undefined) urls.push({ url: node.attrs.DefaultValue, where: `<${node.name}>` });
    for (const override of node.children.filter((c) => c.name === 'Override' || c.name === 'bt:Override')) {
      if (override.attrs.Value !== undefined) urls.push({ url: override.attrs.Value, where: `<${node.name}> ${override.attrs.Locale}` });
    }
  }
  const origins = new Set<string>();
  for (const { url, where } of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      error(`${where}: not a URL: "${url}"`);
      continue;
    }
    if (parsed.protocol !== 'https:') error(`${where}: URL is not HTTPS: ${url}`);
    if (options.production && isLocalHost(parsed.hostname)) error(`${where}: production URL points at a local host: ${url}`);
    if (where !== 'AppDomain') origins.add(parsed.origin);
  }
  for (const origin of origins) {
    if (!appDomains.some((d) => d.replace(/\/$/, '') === origin)) warn(`origin ${origin} is not listed in AppDomains`);
  }

  // Icons: present locally and exactly the size the manifest claims.
  const iconUrl = top('IconUrl')?.attrs.DefaultValue;
  const highResUrl = top('HighResolutionIconUrl')?.attrs.DefaultValue;
  if (iconUrl) imageRefs.push({ url: iconUrl, size: 64, where: 'IconUrl' });
  if (highResUrl) imageRefs.push({ url: highResUrl, size: 128, where: 'HighResolutionIconUrl' });
  for (const ref of imageRefs) {
    if (!/\.png$/i.test(new URL(ref.url, 'https://x').pathname)) error(`${ref.where}: icon is not a PNG: ${ref.url}`);
    const file = options.resolveAsset(ref.url);
    if (!file || !existsSync(file)) {
      error(`${ref.where}: icon file not found for ${ref.url}${file ? ` (${file})` : ''}`);
      continue;
    }
    const size = pngSize(readFileSync(file));
    if (!size) error(`${ref.where}: ${file} is not a PNG`);
    else if (size.width !== ref.size || size.height !== ref.size) error(`${ref.where}: ${file} is ${size.width}x${size.height}, expected ${ref.size}x${ref.size}`);
  }
  return issues;
}

/** Converts to the unified JSON manifest and validates it with office-addin-manifest (offline for JSON). */
export async function checkWithMicrosoftTools(xml: string): Promise<ManifestIssue[]> {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  try {
    // Loaded lazily: the structural checks (and their unit tests) must not need Microsoft's CommonJS tools.
    const { convert } = await import('office-addin-manifest-converter');
    writeFileSync(join(dir, 'manifest.xml'), xml);
    await convert(join(dir, 'manifest.xml'), join(dir, 'json'));
    const jsonPath = join(dir, 'json', 'manifest.json');
    if (!existsSync(jsonPath)) return [{ severity: 'error', message: 'office-addin-manifest-converter produced no manifest.json' }];
    return await checkUnifiedManifest(jsonPath);
  } catch (err) {
    return [{ severity: 'error', message: `manifest conversion failed: ${(err as Error).message}` }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Validates a unified JSON manifest against the schemas bundled with office-addin-manifest. */
export async function checkUnifiedManifest(jsonPath: string): Promise<ManifestIssue[]> {
  try {
    const { validateManifest } = await import('office-addin-manifest');
    const result = await validateManifest(jsonPath);
    if (result.isValid) return [];
    const errors = result.report?.errors?.map((e) => `${e.title ?? ''} ${e.content ?? ''}`.trim()) ?? [];
    return [{ severity: 'error', message: `unified manifest is invalid: ${errors.join('; ') || 'no details'}` }];
  } catch (err) {
    // office-addin-manifest throws (rather than reporting) when the JSON does not match the schema.
    const message = (err as Error).message.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
    return [{ severity: 'error', message: `unified manifest is invalid: ${message.slice(0, 400)}` }];
  }
}

/** Icon URLs are served from <origin>/assets/<file>; locally they live in the repository's assets/. */
export function assetResolver(assetsDir: string): (url: string) => string | null {
  return (url) => {
    const match = /\/assets\/([^/?#]+)$/.exec(new URL(url, 'https://x').pathname);
    return match ? join(assetsDir, decodeURIComponent(match[1]!)) : null;
  };
}

function report(label: string, issues: ManifestIssue[]): boolean {
  for (const issue of issues) console.log(`${label}: ${issue.severity}: ${issue.message}`);
  const errors = issues.filter((i) => i.severity === 'error').length;
  console.log(`${label}: ${errors === 0 ? 'valid' : `${errors} error(s)`}`);
  return errors > 0;
}

/** CLI: `validate-manifest [manifest.xml]` checks the XML and its production build; `--unified x.json` a JSON one. */
async function main(): Promise<number> {
  if (process.argv[2] === '--unified' && process.argv[3]) {
    return report(process.argv[3], await checkUnifiedManifest(resolve(process.argv[3]))) ? 1 : 0;
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const devXml = readFileSync(resolve(root, process.argv[2] ?? 'manifest.xml'), 'utf8');
  const resolveAsset = assetResolver(join(root, 'assets'));
  const prodXml = buildProductionManifest(devXml, process.env.ADDIN_PUBLIC_URL ?? 'https://crm-sync.contoso.example');
  const runs = [
    { label: 'manifest.xml (development)', xml: devXml, production: false },
    { label: 'production build', xml: prodXml, production: true },
  ];
  let failed = false;
  for (const run of runs) {
    const issues = [...checkManifestXml(run.xml, { production: run.production, resolveAsset }), ...(await checkWithMicrosoftTools(run.xml))];
    failed = report(run.label, issues) || failed;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
