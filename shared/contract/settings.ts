import { z } from 'zod';
import { defineCall } from './define';

/**
 * Settings shared by the desktop app, `slipway serve` and the CLI: one JSON file of this
 * shape (the Electron main keeps it through electron-store, the others read and write it
 * directly). Older files are migrated by electron/core/settings/migrations.ts.
 */
export const SETTINGS_VERSION = 2;

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const RecentProject = z.object({
  /** The folder (or compose file) the project was opened from. */
  path: z.string().min(1).max(4096),
  name: z.string().max(200),
  /** ISO time it was last opened. */
  openedAt: z.string().max(64),
});
export type RecentProject = z.infer<typeof RecentProject>;

export const WindowBounds = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

export const ProjectPrefs = z.object({
  /** Start the file watcher with the stack. */
  watch: z.boolean().default(false),
  /** Profiles enabled when the project is opened. */
  profiles: z.array(z.string().min(1).max(200)).max(50).default([]),
});
export type ProjectPrefs = z.infer<typeof ProjectPrefs>;

export const MAX_RECENT_PROJECTS = 15;

export const ServiceUrlsPort = z.number().int().min(1).max(65535);

export const Settings = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  recentProjects: z.array(RecentProject).max(MAX_RECENT_PROJECTS),
  window: WindowBounds.nullable(),
  /** Per-project preferences, keyed by the project's path. */
  projects: z.record(z.string().max(4096), ProjectPrefs),
  theme: Theme,
  startAtLogin: z.boolean(),
  /** Closing the window keeps the app running in the tray. */
  closeToTray: z.boolean(),
  /** Desktop notifications (unhealthy services, builds, the engine going away). */
  notifications: z.boolean(),
  /**
   * The service proxy's port on 127.0.0.1 (`http://SERVICE.PROJECT.localhost:PORT`):
   * chosen on its first start and kept, so addresses stay the same; null until then.
   */
  serviceUrlsPort: ServiceUrlsPort.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsUpdate = z
  .object({
    theme: Theme.optional(),
    startAtLogin: z.boolean().optional(),
    closeToTray: z.boolean().optional(),
    notifications: z.boolean().optional(),
    serviceUrlsPort: ServiceUrlsPort.nullable().optional(),
    window: WindowBounds.nullable().optional(),
    /** Records a project as opened just now (moves it to the top of the recent list). */
    addRecentProject: RecentProject.omit({ openedAt: true }).optional(),
    removeRecentProject: z.string().min(1).max(4096).optional(),
    /** Sets some preferences of one project (the others stay as they are). */
    projectPrefs: z
      .object({
        path: z.string().min(1).max(4096),
        prefs: z.object({ watch: z.boolean().optional(), profiles: z.array(z.string().min(1).max(200)).max(50).optional() }).strict(),
      })
      .optional(),
  })
  .strict();
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

export const settingsCalls = {
  'settings.get': defineCall({ input: z.object({}), output: Settings }),
  'settings.update': defineCall({ input: SettingsUpdate, output: Settings }),
  /** Where the settings file is (`slipway settings path`). */
  'settings.path': defineCall({ input: z.object({}), output: z.object({ file: z.string() }) }),
};

export const settingsEvents = {
  'settings.changed': Settings,
};
