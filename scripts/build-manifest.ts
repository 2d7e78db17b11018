// Writes the production manifest: manifest.xml with the development origin (https://localhost:3000) replaced
// by ADDIN_PUBLIC_URL (the HTTPS origin, optionally with a path, the add-in's static files are served from).
// Usage: ADDIN_PUBLIC_URL=https://addin.contoso.com npx tsx scripts/build-manifest.ts [out=dist/manifest.xml]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEV_ORIGIN = 'https://localhost:3000';

/** Checks and normalizes the public URL: HTTPS, no query/fragment, no trailing slash, not a local host. */
export function normalizePublicUrl(value: string | undefined): string {
  if (!value) throw new Error('ADDIN_PUBLIC_URL is not set (e.g. https://addin.contoso.com)');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:') throw new Error(`ADDIN_PUBLIC_URL must use https: ${value}`);
  if (url.search || url.hash) throw new Error(`ADDIN_PUBLIC_URL must not have a query or fragment: ${value}`);
  if (isLocalHost(url.hostname)) throw new Error(`ADDIN_PUBLIC_URL must not be a local host: ${value}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost');
}

/**
 * Replaces the development origin everywhere it occurs. AppDomain entries take an origin only, so a public URL
 * with a path contributes just its origin there.
 */
export function buildProductionManifest(devXml: string, publicUrl: string): string {
  const base = normalizePublicUrl(publicUrl);
  const origin = new URL(base).origin;
  return devXml
    .replace(/<AppDomain>\s*https:\/\/localhost:3000\/?\s*<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .replaceAll(`${DEV_ORIGIN}/`, `${base}/`)
    .replaceAll(DEV_ORIGIN, base)
    .replace(/<!-- Development manifest[\s\S]*?-->\n?/, '');
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const out = resolve(process.argv[2] ?? resolve(root, 'dist/manifest.xml'));
  const xml = buildProductionManifest(readFileSync(resolve(root, 'manifest.xml'), 'utf8'), process.env.ADDIN_PUBLIC_URL ?? '');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  console.log(`wrote ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
