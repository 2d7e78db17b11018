// The calendar family's groupware port: Exchange through Microsoft Graph (adapters/graph) or Google Calendar
// (adapters/google). Items come back normalized (domain/normalize-graph.ts for Graph).
import type { SyncKind } from '../../shared/categories.js';
import type { NormalizedCalendarItem } from '../domain/calendar-item.js';
import type { OutlookItemPresent } from '../domain/snapshots.js';
import type { GroupwareChanges, GroupwarePort, GroupwareWriteRequest } from './groupware-port.js';

export type { SyncWindow } from './groupware-port.js';

export type CalendarChanges = GroupwareChanges<OutlookItemPresent>;
export type CalendarWriteRequest = GroupwareWriteRequest<NormalizedCalendarItem, SyncKind>;
export type CalendarSource = GroupwarePort<OutlookItemPresent, SyncKind>;
