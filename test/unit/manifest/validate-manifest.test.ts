import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProductionManifest, normalizePublicUrl } from '../../../scripts/build-manifest.js';
import { assetResolver, checkManifestXml, pngSize, type CheckOptions } from '../../../scripts/validate-manifest.js';

const root = join(import.meta.dirname, '../../..');
const devXml = readFileSync(join(root, 'manifest.xml'), 'utf8');
const dev: CheckOptions = { production: false, resolveAsset: assetResolver(join(root, 'assets')) };
const prod: CheckOptions = { ...dev, production: true };

function errors(xml: string, options: CheckOptions = dev): string[] {
  return checkManifestXml(xml, options).filter((i) => i.severity === 'error').map((i) => i.message);
}

describe('manifest validator', () => {
  it('accepts the committed manifest and its production build', () => {
    expect(checkManifestXml(devXml, dev)).toEqual([]);
    expect(checkManifestXml(buildProductionManifest(devXml, 'https://crm.contoso.com/addin/'), prod)).toEqual([]);
  });

  it('reports XML that does not parse, with the line', () => {
    expect(errors('<OfficeApp><Id></OfficeApp>')[0]).toMatch(/XML does not parse.*line 1/);
  });

  it('reports a resid that does not resolve and one that points at the wrong table', () => {
    expect(errors(devXml.replace('<Label resid="Group.Label"/>', '<Label resid="Nope"/>'))).toContain(
      'resid "Nope" on <Label> does not resolve',
    );
    expect(errors(devXml.replace('<Title resid="OpenPane.Label"/>', '<Title resid="OpenPane.Tooltip"/>'))).toContain(
      'resid "OpenPane.Tooltip" on <Title> points at a long resource, expected short',
    );
  });

  it('reports duplicate control ids and duplicate resource ids', () => {
    const dupControl = devXml.replace('id="crmSync.attendee.syncVisit"', 'id="crmSync.organizer.syncVisit"');
    expect(errors(dupControl).join()).toMatch(/id "crmSync.organizer.syncVisit" is used by more than one/);
    const dupResource = devXml.replace('<bt:Url id="Taskpane.Url"', '<bt:Url id="Commands.Url"');
    expect(errors(dupResource)).toContain('resource id "Commands.Url" is defined twice');
  });

  it('reports missing icons, wrong pixel sizes and missing required sizes', () => {
    expect(errors(devXml.replace('assets/icon-80.png', 'assets/icon-81.png')).join()).toMatch(/icon file not found/);
    expect(errors(devXml.replace('assets/icon-32.png', 'assets/icon-16.png'))).toContain(
      `resid Icon.32: ${join(root, 'assets', 'icon-16.png')} is 16x16, expected 32x32`,
    );
    expect(errors(devXml.replace('assets/icon-64.png"', 'assets/icon-128.png"')).join()).toMatch(/IconUrl: .* is 128x128, expected 64x64/);
    expect(errors(devXml.replace(/<bt:Image size="80" resid="Icon.80"\/>/, '')).join()).toMatch(/lacks its 80px image/);
  });

  it('requires HTTPS everywhere and no local host in the production build', () => {
    expect(errors(devXml.replace('https://localhost:3000/support.html', 'http://localhost:3000/support.html')).join()).toMatch(
      /<SupportUrl>: URL is not HTTPS/,
    );
    expect(errors(devXml, prod).join()).toMatch(/production URL points at a local host/);
  });

  it('requires a GUID id and a FunctionFile for ExecuteFunction buttons', () => {
    expect(errors(devXml.replace(/<Id>[^<]+<\/Id>/, '<Id>my-addin</Id>'))).toContain('Id is not a GUID: "my-addin"');
    expect(errors(devXml.replace('<FunctionFile resid="Commands.Url"/>', ''))).toContain('ExecuteFunction buttons need a FunctionFile');
  });

  it('reads PNG sizes and rejects non-PNG bytes', () => {
    expect(pngSize(readFileSync(join(root, 'assets/icon-80.png')))).toEqual({ width: 80, height: 80 });
    const dir = mkdtempSync(join(tmpdir(), 'png-'));
    writeFileSync(join(dir, 'x.png'), 'GIF89a not a png at all........');
    expect(pngSize(readFileSync(join(dir, 'x.png')))).toBeNull();
  });
});

describe('production manifest build', () => {
  it('replaces the development origin, keeping only the origin in AppDomains', () => {
    const xml = buildProductionManifest(devXml, 'https://crm.contoso.com/addin/');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<AppDomain>https://crm.contoso.com</AppDomain>');
    expect(xml).toContain('DefaultValue="https://crm.contoso.com/addin/taskpane.html"');
  });

  it('refuses non-HTTPS, local or missing public URLs', () => {
    expect(() => normalizePublicUrl(undefined)).toThrow(/not set/);
    expect(() => normalizePublicUrl('http://crm.contoso.com')).toThrow(/https/);
    expect(() => normalizePublicUrl('https://localhost:3000')).toThrow(/local host/);
    expect(normalizePublicUrl('https://crm.contoso.com/')).toBe('https://crm.contoso.com');
  });
});
