// The schema's history, oldest first. Never edit a migration that has shipped: add a new one.
import { initialSchema } from './0001-initial.js';
import { crmInbox } from './0002-crm-inbox.js';
import { pairsPerItem } from './0003-pairs-per-item.js';
import { pendingCreates } from './0004-pending-creates.js';
import { crmDeleteHints } from './0005-crm-delete-hints.js';
import { writeIntents } from './0006-write-intents.js';
import { pairFamilies } from './0007-pair-families.js';
import { unsealedBases } from './0008-unsealed-bases.js';
import { mailboxCascade } from './0009-mailbox-cascade.js';
import { taskFamily } from './0010-task-family.js';
import { tenantPairing } from './0011-tenant-pairing.js';
import { syncList } from './0012-sync-list.js';
import { contactFamily } from './0013-contact-family.js';
import { conflictRecords } from './0014-conflict-records.js';
import { adminAudit } from './0015-admin-audit.js';
import { mailboxPause } from './0016-mailbox-pause.js';
import { syncListDismissals } from './0017-sync-list-dismissals.js';
import { googleCalendars } from './0018-google-calendars.js';
import { forgottenCrmRecords } from './0019-forgotten-crm-records.js';
import { enrolmentPolicy } from './0020-enrolment-policy.js';
import { googleCalendarNames } from './0022-google-calendar-names.js';
import { googleChannels } from './0023-google-channels.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [initialSchema, crmInbox, pairsPerItem, pendingCreates, crmDeleteHints, writeIntents, pairFamilies, unsealedBases, mailboxCascade, taskFamily, tenantPairing, syncList, contactFamily, conflictRecords, adminAudit, mailboxPause, syncListDismissals, googleCalendars, forgottenCrmRecords, enrolmentPolicy, googleCalendarNames, googleChannels];
