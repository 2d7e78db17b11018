// The Google adapter's public surface, for the composition root (src/server/main-parts.ts).
export { GoogleDoctorProbes } from './doctor-probes.js';
export { GoogleCalendarSource } from './google-calendar-source.js';
export { GOOGLE_CALENDAR_SCOPE, type GoogleAdapterOptions, type ServiceAccountKey } from './options.js';
