// Logging: pino with secret redaction and content kept out (content.ts).
export { createLogger, REDACT_PATHS, REDACTED, scrubSecrets, SECRET_FIELD_NAMES, type Logger, type LoggerSettings } from './logger.js';
export { CONTENT, CONTENT_FIELD_NAMES, EMAIL, isPrivateRecord, maskEmails, PRIVATE_ITEM, scrubContent } from './content.js';
export { consoleDestination, consoleLine, resolveLogFormat } from './console-lines.js';
