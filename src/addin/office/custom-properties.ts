// CRM links on the item, stored as add-in custom properties (Mailbox 1.1). Exchange keeps them in the extended
// property `cecp-<add-in id>`, where the service reads them back (DESIGN §3).
import { CUSTOM_PROPERTY_KEYS, linksToCustomProperties, parseLinksFromCustomProperties, type CrmLink } from '../../shared/crm-links.js';
import { officeCall } from './async.js';
import { currentItem } from './host.js';

async function loadCustomProperties(): Promise<Office.CustomProperties> {
  const item = currentItem() as unknown as Office.AppointmentRead;
  return officeCall<Office.CustomProperties>('loadCustomPropertiesAsync', (cb) => item.loadCustomPropertiesAsync(cb));
}

export async function loadLinks(): Promise<CrmLink[]> {
  const props = await loadCustomProperties();
  const values: Record<string, unknown> = {};
  for (const key of Object.values(CUSTOM_PROPERTY_KEYS)) {
    const value: unknown = props.get(key);
    if (value !== undefined && value !== null) values[key] = value;
  }
  // Same parser as the service uses on the extended property, so both sides agree on what is valid.
  return parseLinksFromCustomProperties(JSON.stringify(values));
}

/** Writes the links and persists them with the item (saveAsync on the custom properties). */
export async function saveLinks(links: readonly CrmLink[]): Promise<void> {
  const props = await loadCustomProperties();
  for (const [key, value] of Object.entries(linksToCustomProperties(links))) props.set(key, value);
  await officeCall<void>('customProperties.saveAsync', (cb) => props.saveAsync(cb));
}


