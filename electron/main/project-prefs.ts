import path from 'node:path';
import type { Settings } from '../../shared/contract/settings';

/**
 * Per-project preferences applied when a project is opened from the desktop (the window,
 * the tray, the command line): its default profiles when none were asked for, and whether
 * to start the file watcher. Keyed by the folder as it was opened.
 */
export function prefsFor(settings: Settings, projectPath: string): Settings['projects'][string] | undefined {
  return settings.projects[projectPath] ?? settings.projects[path.resolve(projectPath)];
}

export function withDefaultProfiles(input: unknown, settings: Settings): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const open = input as { path?: unknown; profiles?: unknown };
  if (typeof open.path !== 'string' || open.profiles !== undefined) return input;
  const prefs = prefsFor(settings, open.path);
  return prefs && prefs.profiles.length > 0 ? { ...open, profiles: prefs.profiles } : input;
}
