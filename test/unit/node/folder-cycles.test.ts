import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderOf, importGraph } from '../../support/folder-graph';

const root = path.resolve(__dirname, '../../..');

describe('no import cycle between folders', () => {
  it('names the folders of a cycle', () => {
    const graph = new Map([
      ['electron/core/slipway-core.ts', new Set(['electron/core/watch', 'electron/core/logs'])],
      ['electron/core/watch', new Set(['electron/core/slipway-core.ts', 'electron/core/stack'])],
      ['electron/core/stack', new Set(['electron/core/events.ts'])],
    ]);
    expect(folderCycles(graph)).toEqual([['electron/core/slipway-core.ts', 'electron/core/watch']]);
    expect(folderOf('electron/core/watch/rebuild.ts')).toBe('electron/core/watch');
    expect(folderOf('electron/core/slipway-core.ts')).toBe('electron/core/slipway-core.ts');
    expect(folderOf('shared/contract/watch.ts')).toBe('shared/contract');
  });

  it('electron/ and shared/ have none (type-only imports count)', () => {
    const graph = importGraph(root, ['electron', 'shared']);
    expect(graph.get('electron/core/watch')?.has('electron/core/stack')).toBe(true);
    expect(folderCycles(graph)).toEqual([]);
  });

  it('the watch room does not import the core that owns it', () => {
    const graph = importGraph(root, ['electron/core']);
    expect([...(graph.get('electron/core/watch') ?? [])]).not.toContain('electron/core/slipway-core.ts');
  });
});
