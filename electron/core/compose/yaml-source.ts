import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { errorMessage, SlipwayError } from '../../../shared/errors';
import { collectDirectives, removeResets, type MergeDirective } from './directives';
import type { Dict, KeyPath } from './types';
import { isDict } from './types';
import { goYamlTags } from './go-yaml-scalars';

export interface Position {
  line: number;
  col: number;
}

/** One parsed compose file: its data and a way back from a key path to where it was written. */
export interface ComposeSource {
  /** Absolute path. */
  file: string;
  /** Path as the user should see it in messages (relative to the working directory when inside it). */
  display: string;
  data: Dict;
  /** Line and column of the key (or value) at a path; the nearest ancestor when the path is not in the file. */
  positionOf(path: KeyPath): Position;
  /** `compose.yaml:12:9` for a path. */
  where(path: KeyPath): string;
  /** `!reset` / `!override` tags found in the file (their values are already plain in `data`). */
  directives: MergeDirective[];
}

/**
 * A document as plain data. The yaml library throws (not in doc.errors) for an alias with
 * no anchor before it, and for more aliases than the bound (a "billion laughs"): both
 * are the user's YAML, said in one line with where.
 */
function documentValue(doc: Document.Parsed, display: string, lineCounter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    const pos = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    const first = (errorMessage(error).split('\n')[0] ?? '').replace(/:\s*$/, '');
    throw new SlipwayError('compose_yaml', `${display}:${pos.line}:${pos.col}: invalid YAML: ${first}`, 'Fix the anchors and aliases (&name, *name) in the file.');
  }
}

/** Parses compose YAML (anchors, merge keys `<<`, several documents merged in order; numbers as go-yaml v3 reads them). */
export function parseComposeYaml(text: string, file: string, display: string): ComposeSource {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false, customTags: goYamlTags });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      let first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
      if (error.code === 'DUPLICATE_KEY') {
        const lineText = text.slice(error.pos[0]).split('\n')[0] ?? '';
        const key = /^\s*["']?([^"':]+)/.exec(lineText)?.[1]?.trim();
        first = key ? `duplicate key ${key}` : 'duplicate key';
      }
      throw new SlipwayError('compose_yaml', `${display}:${pos.line}:${pos.col}: invalid YAML: ${first}`, 'Fix the YAML syntax at that position.');
    }
  }
  let data: Dict = {};
  const roots: Node[] = [];
  const directives: MergeDirective[] = [];
  for (const doc of list) directives.push(...collectDirectives(doc.contents));
  for (const doc of list) {
    const value = documentValue(doc, display, lineCounter);
    if (value === null || value === undefined) continue;
    if (!isDict(value)) {
      const pos = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
      throw new SlipwayError('compose_yaml', `${display}:${pos.line}:${pos.col}: the top level must be a mapping (services:, networks:, ...)`, 'A compose file is a YAML mapping with a `services:` key.');
    }
    data = list.length === 1 ? value : { ...data, ...value };
    if (doc.contents) roots.push(doc.contents);
  }
  if (roots.length === 0) {
    throw new SlipwayError('compose_yaml', `${display}: empty compose file`, 'Add a `services:` section.');
  }
  removeResets(data, directives);
  const positionOf = (path: KeyPath): Position => {
    for (const root of [...roots].reverse()) {
      const found = locate(root, path);
      if (found !== undefined) return lineCounter.linePos(found);
    }
    return { line: 1, col: 1 };
  };
  return {
    file,
    display,
    data,
    positionOf,
    directives,
    where: (path) => {
      const pos = positionOf(path);
      return `${display}:${pos.line}:${pos.col}`;
    },
  };
}

/** Offset of the deepest node along `path` (a key's own position for mapping entries). */
function locate(root: Node, path: KeyPath): number | undefined {
  let node: unknown = root;
  let offset: number | undefined = (root.range ?? [0])[0];
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(part));
      if (!pair) return offset;
      offset = (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (!isNode(item)) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
