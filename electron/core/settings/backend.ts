/**
 * Where settings live. The core only knows this interface: the Electron main plugs in
 * electron-store, `serve` and the CLI a plain JSON file (json-file-backend.ts). Both keep
 * the same JSON document.
 */
export interface SettingsBackend {
  /** The stored document, or undefined when there is none yet. */
  read(): unknown;
  write(document: unknown): void;
  /** Where it is, for messages. */
  readonly location: string;
}

/** Keeps settings in memory only (tests, `--no-settings` style uses). */
export class MemorySettingsBackend implements SettingsBackend {
  readonly location = 'memory';
  constructor(private document: unknown = undefined) {}
  read(): unknown {
    return this.document === undefined ? undefined : structuredClone(this.document);
  }
  write(document: unknown): void {
    this.document = structuredClone(document);
  }
}
