/**
 * The core's one entry file: the only module of electron/core that a shell (the Electron
 * main process, the preload, `slipway serve`, the CLI) may import. A shell makes a
 * SlipwayCore and then talks to it only through its typed contract client
 * (`core.client()`) or, for a bridge, through a ClientSession; everything else in the core's
 * rooms is theirs alone (an eslint rule keeps it so).
 */
export { SlipwayCore, ClientSessions, type CoreOptions, type ClientSession, type SessionAnswer, type SessionEvent } from './slipway-core';
export type { SettingsBackend } from './settings/backend';
export type { SettingsService } from './settings/settings-service';
export { JsonFileSettingsBackend } from './settings/json-file-backend';
export { SETTINGS_FILE_NAME, settingsDir, settingsFile } from './settings/paths';
