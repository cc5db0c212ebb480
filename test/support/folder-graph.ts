import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Folder → the folders (and top-level files) it imports from. */
export type FolderGraph = Map<string, Set<string>>;

/**
 * The unit a file belongs to: a room of the core (`electron/core/watch`), a shell
 * (`electron/cli`), a folder of shared/ (`shared/contract`); a file directly in one of the
 * parents (`electron/core/slipway-core.ts`, `shared/errors.ts`) is a unit of its own.
 */
export function folderOf(relative: string): string {
  const parts = relative.split('/');
  const depth = parts[0] === 'electron' && parts[1] === 'core' ? 3 : 2;
  return parts.length > depth ? parts.slice(0, depth).join('/') : parts.join('/');
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile());
}

/** Every relative import (type-only ones too) of the .ts files under `dirs`, between folders. */
export function importGraph(root: string, dirs: string[]): FolderGraph {
  const graph: FolderGraph = new Map();
  const unit = (file: string) => folderOf(path.relative(root, file).split(path.sep).join('/'));
  for (const file of dirs.flatMap((d) => sourceFiles(path.join(root, d)))) {
    const from = unit(file);
    for (const imported of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const target = resolveImport(file, imported.fileName);
      const to = target && unit(target);
      if (!to || to === from) continue;
      const set = graph.get(from) ?? new Set<string>();
      set.add(to);
      graph.set(from, set);
    }
  }
  return graph;
}

/** The groups of folders that import one another in a circle (Tarjan's strongly connected components). */
export function folderCycles(graph: FolderGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w !== undefined) group.push(w);
    } while (w !== undefined && w !== v);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
