import { isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Dict, KeyPath } from './types';
import { isDict } from './types';

/** `!reset` (drop what earlier files set) and `!override` (replace instead of merging). */
export interface MergeDirective {
  path: KeyPath;
  kind: 'reset' | 'override';
}

/** Finds `!reset` / `!override` tags in a YAML tree and clears them so the values read as plain data. */
export function collectDirectives(root: Node | null | undefined): MergeDirective[] {
  const out: MergeDirective[] = [];
  const walk = (node: unknown, path: KeyPath) => {
    if (!isNode(node)) return;
    if (node.tag === '!reset' || node.tag === '!override') {
      out.push({ path, kind: node.tag === '!reset' ? 'reset' : 'override' });
      delete node.tag;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(root, []);
  return out;
}

/** Removes the values tagged `!reset` from the data read from the same file. */
export function removeResets(data: Dict, directives: MergeDirective[]): void {
  const resets = directives.filter((d) => d.kind === 'reset').sort((a, b) => b.path.length - a.path.length);
  for (const { path } of resets) deleteAt(data, path);
}

function deleteAt(root: unknown, path: KeyPath): void {
  let node = root;
  for (const part of path.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(part)] : isDict(node) ? node[String(part)] : undefined;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else if (isDict(node)) delete node[String(last)];
}

/** Before a later file merges in: what it resets or overrides is taken out of the earlier result. */
export function applyDirectives(base: Dict, directives: MergeDirective[]): Dict {
  if (directives.length === 0) return base;
  const copy = structuredClone(base);
  for (const { path } of directives) if (path.length > 0) deleteAt(copy, path);
  return copy;
}
