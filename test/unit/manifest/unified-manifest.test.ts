// Microsoft's tools are CommonJS packages that jest's ESM runtime can't load (strip-bom), so these run the
// real `npm run validate` CLI in a child process, the way CI does.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '../../..');
const devXml = readFileSync(join(root, 'manifest.xml'), 'utf8');

const run = promisify(execFile);

async function validate(xml: string, args: string[] = []): Promise<{ code: number; output: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'manifest-cli-')), 'manifest.xml');
  writeFileSync(file, xml);
  try {
    const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), ['scripts/validate-manifest.ts', ...(args.length ? args : [file])], { cwd: root });
    return { code: 0, output: stdout };
  } catch (err) {
    const failure = err as { code: number; stdout: string };
    return { code: failure.code, output: failure.stdout };
  }
}

describe('npm run validate (structural + unified JSON manifest checks)', () => {
  it('passes the committed manifest in development and production form', async () => {
    const { code, output } = await validate(devXml);
    expect(output).toContain('manifest.xml (development): valid');
    expect(output).toContain('production build: valid');
    expect(code).toBe(0);
  }, 60_000);

  it('fails on structural errors', async () => {
    const { code, output } = await validate(devXml.replace('<Label resid="Group.Label"/>', '<Label resid="Missing"/>'));
    expect(code).toBe(1);
    expect(output).toContain('resid "Missing" on <Label> does not resolve');
  }, 60_000);

  it('fails when the unified manifest schema rejects a converted manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unified-'));
    writeFileSync(join(dir, 'manifest.xml'), devXml);
    await run(join(root, 'node_modules/.bin/office-addin-manifest-converter'), ['convert', join(dir, 'manifest.xml'), '-o', join(dir, 'json')]);
    const jsonPath = join(dir, 'json', 'manifest.json');
    expect((await validate('', ['--unified', jsonPath])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(jsonPath, 'utf8')) as { extensions: Record<string, unknown>[] };
    manifest.extensions[0]!.notInTheSchema = true;
    writeFileSync(jsonPath, JSON.stringify(manifest));
    const { code, output } = await validate('', ['--unified', jsonPath]);
    expect(code).toBe(1);
    expect(output).toMatch(/unified manifest is invalid/);
  }, 60_000);
});
