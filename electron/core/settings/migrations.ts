import type { RecentProject, Settings } from '../../../shared/contract/settings';
import { MAX_RECENT_PROJECTS, ProjectPrefs, RecentProject as RecentProjectSchema, ServiceUrlsPort, SETTINGS_VERSION, Theme, WindowBounds } from '../../../shared/contract/settings';

/**
 * The settings file's history. Storage-agnostic and pure: a JSON value in, the current
 * shape out. Each step takes version N to N+1; a file without `schemaVersion` is v1.
 *
 * v1: recentProjects: string[] (paths); projectPrefs: {[path]: {watch, profiles}};
 *     window; theme; startAtLogin.
 * v2: recentProjects: [{path, name, openedAt}]; projectPrefs renamed to projects;
 *     closeToTray and notifications added.
 *     Later fields with a default need no step: a file without them gets the default
 *     (serviceUrlsPort: null).
 */
type Json = Record<string, unknown>;

const steps: Record<number, (old: Json, now: Date) => Json> = {
  1: (old, now) => {
    const { projectPrefs, recentProjects, ...rest } = old;
    const paths = Array.isArray(recentProjects) ? recentProjects.filter((p): p is string => typeof p === 'string' && p.length > 0) : [];
    return {
      ...rest,
      schemaVersion: 2,
      recentProjects: paths.map((p) => ({ path: p, name: baseName(p), openedAt: now.toISOString() })),
      projects: projectPrefs ?? {},
      closeToTray: true,
      notifications: true,
    };
  },
};

export function defaultSettings(): Settings {
  return {
    schemaVersion: SETTINGS_VERSION,
    recentProjects: [],
    window: null,
    projects: {},
    theme: 'system',
    startAtLogin: false,
    closeToTray: true,
    notifications: true,
    serviceUrlsPort: null,
  };
}

export interface MigrationResult {
  settings: Settings;
  /** The stored value differs from `settings` (it should be written back). */
  changed: boolean;
  /** The file is from a newer Slipway: use what we understand, never write over it. */
  newer: boolean;
  /** One line per value that was dropped or replaced, saying which and why. */
  warnings: string[];
}

export function migrateSettings(raw: unknown, now: Date = new Date()): MigrationResult {
  const warnings: string[] = [];
  if (raw === undefined || raw === null) return { settings: defaultSettings(), changed: true, newer: false, warnings };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push('settings: the file does not hold a JSON object; starting from the defaults');
    return { settings: defaultSettings(), changed: true, newer: false, warnings };
  }
  let value = raw as Json;
  const declared = value.schemaVersion;
  let version = declared === undefined ? 1 : typeof declared === 'number' && Number.isInteger(declared) && declared >= 1 ? declared : NaN;
  if (Number.isNaN(version)) {
    warnings.push(`settings: schemaVersion ${JSON.stringify(declared)} is not a version number; reading the file as version 1`);
    version = 1;
  }
  const newer = version > SETTINGS_VERSION;
  while (version < SETTINGS_VERSION) {
    const step = steps[version];
    if (!step) throw new Error(`No settings migration from version ${version}`);
    value = step(value, now);
    version += 1;
  }
  const settings = sanitize(value, warnings);
  const changed = !newer && JSON.stringify(settings) !== JSON.stringify(raw);
  return { settings, changed, newer, warnings };
}

/** Keeps every valid value, replaces each invalid one with its default (and says so). */
function sanitize(value: Json, warnings: string[]): Settings {
  const defaults = defaultSettings();
  const pick = <T>(key: string, parse: (v: unknown) => { success: true; data: T } | { success: false }, fallback: T): T => {
    if (!(key in value) || value[key] === undefined) return fallback;
    const parsed = parse(value[key]);
    if (parsed.success) return parsed.data;
    warnings.push(`settings: ${key} ${JSON.stringify(value[key])?.slice(0, 80)} is not valid; using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const bool = (v: unknown): { success: true; data: boolean } | { success: false } => (typeof v === 'boolean' ? { success: true, data: v } : { success: false });
  const recent: RecentProject[] = [];
  if (Array.isArray(value.recentProjects)) {
    for (const entry of value.recentProjects) {
      const parsed = RecentProjectSchema.safeParse(entry);
      if (parsed.success) recent.push(parsed.data);
      else warnings.push(`settings: dropped a recent project that is not valid (${JSON.stringify(entry)?.slice(0, 80)})`);
    }
  }
  const projects: Settings['projects'] = {};
  if (value.projects && typeof value.projects === 'object' && !Array.isArray(value.projects)) {
    for (const [key, prefs] of Object.entries(value.projects as Json)) {
      const parsed = ProjectPrefs.safeParse(prefs);
      if (parsed.success) projects[key] = parsed.data;
      else warnings.push(`settings: dropped the preferences of ${key} (not valid)`);
    }
  }
  return {
    schemaVersion: SETTINGS_VERSION,
    recentProjects: recent.slice(0, MAX_RECENT_PROJECTS),
    window: pick('window', (v) => (v === null ? { success: true as const, data: null } : WindowBounds.safeParse(v)), defaults.window),
    projects,
    theme: pick('theme', (v) => Theme.safeParse(v), defaults.theme),
    startAtLogin: pick('startAtLogin', bool, defaults.startAtLogin),
    closeToTray: pick('closeToTray', bool, defaults.closeToTray),
    notifications: pick('notifications', bool, defaults.notifications),
    serviceUrlsPort: pick('serviceUrlsPort', (v) => ServiceUrlsPort.nullable().safeParse(v), defaults.serviceUrlsPort),
  };
}

function baseName(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? p;
}
