import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run-cli';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

describe('slipway serve: user mistakes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'slipway-serve-cmd-'));
    writeFileSync(path.join(dir, 'index.html'), '<div id="root"></div>');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (argv: string[]) => {
    const out = capture();
    const err = capture();
    const code = await runCli({ argv, env: { SLIPWAY_RENDERER_DIR: dir, HOME: dir, PATH: process.env.PATH }, cwd: dir, stdout: out.stream, stderr: err.stream });
    return { code, out: out.text(), err: err.text() };
  };

  it('rejects a port that is not a number, with the usage', async () => {
    const result = await run(['serve', '--port', 'eighty']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('--port must be a number from 0 to 65535, got "eighty"');
    expect(result.err).toContain('Usage: slipway serve [--port N] [--no-open]');
  });

  it('says so when the port is taken, and what to do', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await run(['serve', '--no-open', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.err).toContain('--port 0');
      expect(result.err).toContain('No project opened here');
    } finally {
      blocker.close();
    }
  });
});
