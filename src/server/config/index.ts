// Configuration: one validated schema for all settings (environment, optional JSON file via CONFIG_FILE).
export { ConfigError, loadConfig, type Config, type LogLevel, type Role, type SyncFamilyName } from './load-config.js';
export { redactedConfig, type JsonValue } from './redacted-config.js';
export { ENV_NAMES, SECRET_ENV_NAMES, type EnvName, type SettingIssue } from './env-schema.js';
export { REDACTED, Secret } from './secret.js';
