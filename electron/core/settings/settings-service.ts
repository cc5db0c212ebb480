import type { Settings, SettingsUpdate } from '../../../shared/contract/settings';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import { applySettingsUpdate } from './apply-update';
import type { SettingsBackend } from './backend';
import { migrateSettings } from './migrations';

/**
 * Settings over any backend: read once (migrated and written back when an older version
 * was found), updated through applySettingsUpdate on a fresh read (another process may
 * have changed the file), each change announced.
 */
export class SettingsService {
  private current: Settings | undefined;
  private newer = false;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly backend: SettingsBackend,
    private readonly warn: (line: string) => void = () => undefined,
  ) {}

  /** Where the settings are kept (the file's path for the JSON file backend). */
  get location(): string {
    return this.backend.location;
  }

  get(): Settings {
    if (!this.current) {
      const result = migrateSettings(this.backend.read());
      for (const line of result.warnings) this.warn(line);
      this.current = result.settings;
      this.newer = result.newer;
      if (result.changed) {
        try {
          this.save(result.settings);
        } catch (error) {
          this.warn(errorMessage(error));
        }
      }
    }
    return this.current;
  }

  update(update: SettingsUpdate): Settings {
    // Read again first: `slipway serve`, the CLI and the desktop app may share the file.
    const fresh = migrateSettings(this.backend.read());
    this.newer = fresh.newer;
    const next = applySettingsUpdate(fresh.settings, update);
    if (this.newer) {
      throw new SlipwayError(
        'settings_newer',
        `The settings file ${this.backend.location} was written by a newer Slipway`,
        'Update Slipway, or move the file away to start from the defaults.',
      );
    }
    this.current = next;
    this.save(next);
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(settings: Settings): void {
    try {
      this.backend.write(settings);
    } catch (error) {
      throw new SlipwayError('settings_unwritable', `Could not save settings to ${this.backend.location}: ${errorMessage(error)}`, 'Check that the folder exists and is writable.');
    }
  }
}
