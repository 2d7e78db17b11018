import { DEFAULT_CATEGORIES, syncKindOf } from '../../src/shared/categories.js';

describe('syncKindOf (R1)', () => {
  it('maps the appointment category to appointment', () => {
    expect(syncKindOf(['SAP Cloud for Customer'])).toBe('appointment');
  });
  it('maps the visit category to visit, and prefers it when both are present', () => {
    expect(syncKindOf(['Visit'])).toBe('visit');
    expect(syncKindOf(['SAP Cloud for Customer', 'Visit'])).toBe('visit');
  });
  it('ignores contact and error categories', () => {
    expect(syncKindOf([DEFAULT_CATEGORIES.account, DEFAULT_CATEGORIES.individualCustomer, DEFAULT_CATEGORIES.error])).toBeNull();
  });
  it('matches case-insensitively, as Outlook does', () => {
    expect(syncKindOf(['sap cloud for customer'])).toBe('appointment');
  });
});
