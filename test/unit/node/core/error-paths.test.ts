import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No process dies of input: every file in the core and the shells that opens a socket,
 * a stream, a server or a child process also handles its 'error' event (or hands the
 * stream to pipeline(), which does). A source scan: a new `.on('data'`, spawn,
 * createServer … without an error path in the same file fails here.
 */
const ROOTS = ['electron/core', 'electron/serve', 'electron/cli'];
// execFile with a callback gets its errors there, so it is not listed. An http.Agent's own
// createConnection (the ssh agents') hands its socket to Node's HTTP client or the raw log
// reader, which listen for its errors: only net's and tls's open a socket here.
const OPENS = [/\.on\('data'/, /\bspawn\(/, /createServer\(/, /new WebSocketServer\(/, /\bnet\.connect\(/, /\b(?:net|tls)\.createConnection\(/, /createReadStream\(/, /createWriteStream\(/];
const HANDLES = /\.(on|once)\('error'|\bpipeline\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

export function filesWithoutErrorPath(files: { name: string; text: string }[]): string[] {
  return files.filter((f) => OPENS.some((o) => o.test(f.text)) && !HANDLES.test(f.text)).map((f) => f.name);
}

describe('error paths in the core and the shells', () => {
  it('every file that opens a stream, socket, server or process handles its errors', () => {
    const files = ROOTS.flatMap((r) => sources(r)).map((name) => ({ name, text: readFileSync(name, 'utf8') }));
    expect(files.length).toBeGreaterThan(50);
    expect(filesWithoutErrorPath(files)).toEqual([]);
  });

  it('notices a new one', () => {
    expect(filesWithoutErrorPath([{ name: 'new.ts', text: "child.stdout.on('data', (c) => out.push(c));" }])).toEqual(['new.ts']);
    expect(filesWithoutErrorPath([{ name: 'ok.ts', text: "s.on('data', f);\ns.on('error', g);" }])).toEqual([]);
  });
});
