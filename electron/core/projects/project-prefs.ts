import path from 'node:path';
import type { OpenProjectInput } from '../../../shared/contract/projects';
import type { ProjectPrefs, Settings } from '../../../shared/contract/settings';

/**
 * Per-project preferences (settings.projects), applied by the core whenever a project is
 * opened through the contract — from the window, the tray, `slipway serve` or the CLI:
 * its default profiles when none were asked for, and whether to start the file watcher.
 * Keyed by the folder as it was opened.
 */
export function prefsFor(settings: Settings, projectPath: string): ProjectPrefs | undefined {
  return settings.projects[projectPath] ?? settings.projects[path.resolve(projectPath)];
}

export function withDefaultProfiles(input: OpenProjectInput, settings: Settings): OpenProjectInput {
  if (input.profiles !== undefined) return input;
  const prefs = prefsFor(settings, input.path);
  return prefs && prefs.profiles.length > 0 ? { ...input, profiles: prefs.profiles } : input;
}
