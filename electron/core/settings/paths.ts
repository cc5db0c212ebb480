import os from 'node:os';
import path from 'node:path';

export const SETTINGS_FILE_NAME = 'config.json';

/**
 * The folder of Slipway's settings file. It is the folder Electron calls `userData` for
 * an app named "slipway", so the desktop app (electron-store), `slipway serve` and the CLI
 * share one file. SLIPWAY_CONFIG_DIR overrides it (tests, portable setups).
 */
export function settingsDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home: string = env.HOME || os.homedir()): string {
  if (env.SLIPWAY_CONFIG_DIR) return path.resolve(env.SLIPWAY_CONFIG_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'slipway');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'slipway');
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(base, 'slipway');
}

export function settingsFile(env: Record<string, string | undefined>, platform?: NodeJS.Platform, home?: string): string {
  return path.join(settingsDir(env, platform, home), SETTINGS_FILE_NAME);
}

/** Where the startup timeline keeps each project's last runs (one JSON file per project). */
export function timelinesDir(env: Record<string, string | undefined>): string {
  return path.join(settingsDir(env), 'timelines');
}
