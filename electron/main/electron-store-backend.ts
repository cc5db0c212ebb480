import path from 'node:path';
import Store from 'electron-store';
import { SETTINGS_FILE_NAME, type SettingsBackend } from '../core';

/**
 * Settings through electron-store, in the same folder and file `slipway serve` and the
 * CLI use (config.json, the document migrations.ts defines). electron-store only stores:
 * the schema and migrations are the core's, so both kinds of shell agree on the format.
 */
export class ElectronStoreBackend implements SettingsBackend {
  private readonly store: Store<Record<string, unknown>>;
  readonly location: string;

  constructor(dir: string) {
    this.store = new Store<Record<string, unknown>>({ cwd: dir, name: path.basename(SETTINGS_FILE_NAME, '.json'), clearInvalidConfig: false, watch: false });
    this.location = this.store.path;
  }

  read(): unknown {
    const document = this.store.store;
    return Object.keys(document).length === 0 ? undefined : document;
  }

  write(document: unknown): void {
    this.store.store = document as Record<string, unknown>;
  }
}
