import { matchSapZone, offsetOfDescription, sapZonesFrom, STANDARD_SAP_ZONES } from '../../../src/server/domain/sap-time-zones.js';
import { SAP_TIME_ZONES } from '../../../src/sandbox/c4c/sap-time-zones.js';

const JULY = Date.parse('2026-07-01T10:00:00Z');
const tenant = sapZonesFrom(SAP_TIME_ZONES);

describe('SAP time-zone codes from the tenant code list', () => {
  it('matches a code on its fixed offset, a city in its description, or the maintained table, in that order', () => {
    expect(matchSapZone({ Code: 'UTC+8', Description: '(UTC+08:00) UTC+08' })).toEqual({ zone: 'Etc/GMT-8', match: 'offsetCode' });
    expect(matchSapZone({ Code: 'UTC-3', Description: '' })).toEqual({ zone: 'Etc/GMT+3', match: 'offsetCode' });
    expect(matchSapZone({ Code: 'EST', Description: '(UTC-05:00) Eastern Time (New York)' })).toEqual({ zone: 'America/New_York', match: 'city' });
    expect(matchSapZone({ Code: 'MSTNO', Description: '(UTC-07:00) Mountain Time (Phoenix), without DST' })).toEqual({ zone: 'America/Phoenix', match: 'city' });
    expect(matchSapZone({ Code: 'ESTNO', Description: '(UTC-05:00) Eastern Time (Indianapolis), without DST' })).toEqual({ zone: 'America/Cancun', match: 'maintained' });
    expect(matchSapZone({ Code: 'AUSNSW', Description: '(UTC+10:00) Australia New South Wales' })).toEqual({ zone: 'Australia/Sydney', match: 'maintained' });
    // A tenant's own code naming a city, with the right offset; a city whose offset contradicts the description is
    // not taken.
    expect(matchSapZone({ Code: 'ZLAGOS', Description: 'Nigeria (Lagos) +1 hours' })?.zone).toBe('Africa/Lagos');
    expect(matchSapZone({ Code: 'ZWRONG', Description: 'Somewhere (Tokyo) UTC-05:00' })).toBeNull();
  });

  it('reads offsets the way SAP writes them', () => {
    expect(offsetOfDescription('(UTC+05:30) India')).toBe(330);
    expect(offsetOfDescription('Nepal + 5 3/4 hours')).toBe(345);
    expect(offsetOfDescription('Newfoundland - 3 1/2 hours')).toBe(-210);
    expect(offsetOfDescription('Central Europe')).toBeNull();
  });

  it("maps every code of SAP's list but UTC-83 (-08:30, a zone no place keeps today), which is reported", () => {
    expect(SAP_TIME_ZONES.length).toBeGreaterThan(95);
    expect(tenant.unmatched).toEqual(['UTC-83']);
    expect(tenant.ianaOf('UTC-83')).toBeNull();
    expect(tenant.ianaOf('NOT-A-CODE')).toBeNull();
    for (const [code, zone] of [
      ['CET', 'Europe/Berlin'],
      ['ISRAEL', 'Asia/Jerusalem'],
      ['NZST', 'Pacific/Auckland'],
      ['RUS03', 'Europe/Moscow'],
      ['UTC+4', 'Etc/GMT-4'],
      ['UTC+53', 'Asia/Kolkata'],
      ['UTC', 'UTC'],
    ]) {
      expect([code, tenant.ianaOf(code as string)]).toEqual([code, zone]);
    }
  });

  it('writes a zone as its own code, or one that keeps its offsets all year, or none', () => {
    expect(tenant.codeOf('Pacific/Auckland', JULY)).toBe('NZST');
    expect(tenant.codeOf('Asia/Calcutta', JULY)).toBe('INDIA');
    expect(tenant.codeOf('Europe/Paris', JULY)).toBe('CET');
    // Windows "Arabian Standard Time" is Asia/Dubai: UTC+4 all year, as SAP's UTC+4 (SAP's own IdP mapping agrees).
    expect(tenant.codeOf('Asia/Dubai', JULY)).toBe('UTC+4');
    expect(tenant.codeOf('Asia/Riyadh', JULY)).toBe('UTC+3');
    expect(tenant.codeOf('Pacific/Kiritimati', JULY)).toBe('UTC+14');
    expect(tenant.codeOf('Pacific/Pago_Pago', JULY)).toBe('UTC-11');
    // Europe/Dublin has Irish rules on paper but the same offsets as London: GMTUK.
    expect(tenant.codeOf('Europe/Dublin', JULY)).toBe('GMTUK');
    // UTC+1 without DST is not CET in summer: Algiers is UTC+1 (a fixed-offset code), not CET.
    expect(tenant.codeOf('Africa/Algiers', JULY)).toBe('UTC+1');
    // Rules of its own: Casablanca's changes around Ramadan fit no code of the list.
    expect(tenant.codeOf('Africa/Casablanca', JULY)).toBeNull();
    expect(tenant.codeOf('Not/AZone', JULY)).toBeNull();
  });

  it('keeps only the maintained table for a tenant that serves no list', () => {
    expect(STANDARD_SAP_ZONES.ianaOf('AUSWA')).toBe('Australia/Perth');
    expect(STANDARD_SAP_ZONES.codeOf('America/Chicago', JULY)).toBe('CST');
    // A tenant with a short list: a zone none of its codes keeps is null, never UTC.
    const short = sapZonesFrom([{ Code: 'UTC', Description: 'UTC' }, { Code: 'CET', Description: 'Central Europe' }]);
    expect(short.codeOf('Europe/Rome', JULY)).toBe('CET');
    expect(short.codeOf('America/New_York', JULY)).toBeNull();
  });
});
