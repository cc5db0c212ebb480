import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SettingsBackend } from './backend';
import { errorMessage } from '../../../shared/errors';

/**
 * Settings as a JSON file (what electron-store writes too): read whole, written whole
 * through a temp file and a rename, readable by the user only. A file that is not JSON is
 * kept aside as config.json.broken-<time> and Slipway starts from the defaults.
 */
export class JsonFileSettingsBackend implements SettingsBackend {
  constructor(
    readonly location: string,
    private readonly warn: (line: string) => void = () => undefined,
  ) {}

  read(): unknown {
    if (!existsSync(this.location)) return undefined;
    const text = readFileSync(this.location, 'utf8');
    try {
      return JSON.parse(text);
    } catch (error) {
      const aside = `${this.location}.broken-${Date.now()}`;
      copyFileSync(this.location, aside);
      this.warn(`settings: ${this.location} is not valid JSON (${errorMessage(error)}); kept it as ${path.basename(aside)} and started from the defaults`);
      return undefined;
    }
  }

  write(document: unknown): void {
    mkdirSync(path.dirname(this.location), { recursive: true, mode: 0o700 });
    const temp = `${this.location}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(document, null, '\t')}\n`, { mode: 0o600 });
    renameSync(temp, this.location);
  }
}
