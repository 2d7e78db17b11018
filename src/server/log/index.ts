// Logging: pino with secret redaction.
export { createLogger, REDACT_PATHS, REDACTED, scrubSecrets, SECRET_FIELD_NAMES, type Logger, type LoggerSettings } from './logger.js';
