import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RunFacts } from './run-facts';

/** Runs kept per project, newest first. */
export const RUNS_KEPT = 5;

const RunsFile = z.object({ runs: z.array(RunFacts) });

/**
 * The last few runs of each project: in memory, and in one small JSON file per project
 * (`timelines/PROJECT.json` beside the settings file) so that `slipway timeline` reads the
 * run a `slipway up` (another process) recorded. A file that does not parse is ignored.
 */
export class TimelineStore {
  private readonly runs = new Map<string, RunFacts[]>();

  constructor(private readonly dir: string | undefined) {}

  /** Newest first: this process's runs and those another process (a `slipway up`) saved. */
  list(project: string): RunFacts[] {
    const mine = this.runs.get(project) ?? [];
    const theirs = this.read(project).filter((r) => !mine.some((m) => m.id === r.id));
    return [...mine, ...theirs].sort((a, b) => b.startedAt - a.startedAt).slice(0, RUNS_KEPT);
  }

  add(facts: RunFacts): void {
    const runs = (this.runs.get(facts.project) ?? []).filter((r) => r.id !== facts.id);
    runs.unshift(facts);
    this.runs.set(facts.project, runs.slice(0, RUNS_KEPT));
  }

  remove(facts: RunFacts): void {
    this.runs.set(facts.project, (this.runs.get(facts.project) ?? []).filter((r) => r.id !== facts.id));
  }

  /** Takes a run read from the file as this process's own (its facts are to be completed here). */
  adopt(facts: RunFacts): void {
    if (!(this.runs.get(facts.project) ?? []).includes(facts)) this.add(facts);
  }

  /** Writes the project's runs (best effort: a timeline that cannot be saved is still shown live). */
  save(project: string): void {
    if (!this.dir) return;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const file = this.file(project);
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ runs: this.list(project) })}\n`, { mode: 0o600 });
      renameSync(temp, file);
    } catch {
      // the settings folder is read-only or full: the in-memory runs still answer
    }
  }

  private read(project: string): RunFacts[] {
    if (!this.dir) return [];
    const file = this.file(project);
    if (!existsSync(file)) return [];
    try {
      const parsed = RunsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data.runs.slice(0, RUNS_KEPT) : [];
    } catch {
      return [];
    }
  }

  private file(project: string): string {
    // Compose project names are [a-z0-9_-]; anything else is replaced all the same.
    return path.join(this.dir as string, `${project.replace(/[^a-zA-Z0-9_.-]/g, '_')}.json`);
  }
}
