import { readFileSync } from 'node:fs';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';
import type { Ignore } from '@balena/dockerignore';

/** Folders never watched: version control, dependencies, IDE state. */
const IGNORED_DIRS = new Set(['.git', 'node_modules', '.idea', '.vscode', '.hg', '.svn']);

/** A relative path (`/` separators) that goes through an always-ignored folder, as one pattern. */
export const IGNORED_DIR_PATTERN = new RegExp(`(?:^|/)(?:${[...IGNORED_DIRS].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:/|$)`);
/** The marker file Slipway's shares probe writes for a moment into a bind-mounted folder (electron/core/shares). */
export const PROBE_MARKER_PREFIX = '.slipway-probe-';

/**
 * Editor temp files (and the shares probe's marker): vim swap/backup and its `4913` write probe, emacs lock and
 * autosave files, JetBrains safe-write files, generic `~` backups.
 */
export function isEditorTempFile(basename: string): boolean {
  return (
    basename === '4913' ||
    basename.startsWith(PROBE_MARKER_PREFIX) ||
    basename.endsWith('~') ||
    /\.sw[a-p]$/.test(basename) ||
    /\.swx$/.test(basename) ||
    (basename.startsWith('#') && basename.endsWith('#')) ||
    basename.startsWith('.#') ||
    basename.endsWith('___jb_tmp___') ||
    basename.endsWith('___jb_old___')
  );
}

/** True when a path (relative, with `/` separators) goes through an always-ignored folder. */
export function inIgnoredDir(relative: string): boolean {
  if (relative === '') return false;
  return relative.split('/').some((segment) => IGNORED_DIRS.has(segment));
}

export interface Matcher {
  matches(relative: string): boolean;
  /** Has `!` exceptions: a matching folder may still hold files that do not match. */
  hasExceptions: boolean;
}

/** `.dockerignore`-syntax patterns (Docker's own matching rules, through @balena/dockerignore). */
export function patternMatcher(patterns: string[]): Matcher | undefined {
  const cleaned = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'));
  if (cleaned.length === 0) return undefined;
  const ig: Ignore = dockerignore().add(cleaned);
  return { matches: (relative) => relative !== '' && ig.ignores(relative), hasExceptions: cleaned.some((p) => p.startsWith('!')) };
}

/** The patterns of a build context's `.dockerignore`, or none. */
export function readDockerignore(contextDir: string): string[] {
  try {
    return readFileSync(path.join(contextDir, '.dockerignore'), 'utf8').split(/\r?\n/);
  } catch {
    return [];
  }
}

export interface PathFilterOptions {
  /** The rule's absolute path (a folder or a file). */
  root: string;
  ignore?: string[];
  include?: string[];
  /** The service's local build context, whose `.dockerignore` applies too. */
  contextDir?: string;
}

/** Decides, for one watch rule, which paths under its root count. */
export class PathFilter {
  readonly root: string;
  private readonly ignore: Matcher | undefined;
  private readonly include: Matcher | undefined;
  private readonly contextDir: string | undefined;
  private readonly contextIgnore: Matcher | undefined;

  constructor(options: PathFilterOptions) {
    this.root = path.resolve(options.root);
    this.ignore = patternMatcher(options.ignore ?? []);
    this.include = patternMatcher(options.include ?? []);
    if (options.contextDir) {
      this.contextDir = path.resolve(options.contextDir);
      this.contextIgnore = patternMatcher(readDockerignore(this.contextDir));
    }
  }

  /** Has patterns of its own (`ignore`, the context's `.dockerignore`) that can prune a folder. */
  get narrows(): boolean {
    return (this.ignore !== undefined && !this.ignore.hasExceptions) || (this.contextIgnore !== undefined && !this.contextIgnore.hasExceptions);
  }

  /** True when `absolute` is the rule's root or inside it. */
  covers(absolute: string): boolean {
    return absolute === this.root || absolute.startsWith(this.root + path.sep);
  }

  /** Path relative to the root with `/` separators ('' for the root itself). */
  relative(absolute: string): string {
    return path.relative(this.root, absolute).split(path.sep).join('/');
  }

  /** A file (or folder) change under the root that this rule acts on. */
  accepts(absolute: string, isDirectory = false): boolean {
    if (!this.covers(absolute)) return false;
    const relative = this.relative(absolute);
    if (this.excluded(absolute, relative)) return false;
    if (this.include && !isDirectory && relative !== '' && !this.include.matches(relative)) return false;
    return true;
  }

  /**
   * A folder whose whole content this rule ignores, so the watcher need not descend
   * into it (not when `!` exceptions could re-include something below).
   */
  prunes(absolute: string): boolean {
    if (!this.covers(absolute)) return true;
    const relative = this.relative(absolute);
    if (inIgnoredDir(relative)) return true;
    if (this.ignore && !this.ignore.hasExceptions && this.ignore.matches(relative)) return true;
    if (this.contextIgnore && !this.contextIgnore.hasExceptions && this.contextMatches(absolute)) return true;
    return false;
  }

  private excluded(absolute: string, relative: string): boolean {
    if (inIgnoredDir(relative)) return true;
    if (isEditorTempFile(path.basename(absolute))) return true;
    if (this.ignore?.matches(relative)) return true;
    return this.contextMatches(absolute);
  }

  private contextMatches(absolute: string): boolean {
    if (!this.contextIgnore || !this.contextDir) return false;
    if (!(absolute === this.contextDir || absolute.startsWith(this.contextDir + path.sep))) return false;
    const relative = path.relative(this.contextDir, absolute).split(path.sep).join('/');
    return this.contextIgnore.matches(relative);
  }
}
