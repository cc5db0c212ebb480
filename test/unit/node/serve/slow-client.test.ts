import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../../../../electron/serve/serve-server';
import type { EventName } from '../../../../shared/contract';

/** Bounded memory: a client that stops reading is dropped once its queue passes the bound. */
const BOUND = 2 * 1024 * 1024;

function eventOnlyCore() {
  const bus = new EventEmitter();
  return {
    emit: (payload: unknown) => bus.emit('*', 'task.progress', payload),
    events: { onAny: (l: (e: EventName, p: unknown) => void) => (bus.on('*', l), () => void bus.off('*', l)) },
    sessions: {
      open: () => ({
        call: async () => ({ envelope: { ok: true as const, value: null }, events: [] }),
        route: () => true,
        close: async () => undefined,
      }),
    },
  };
}

function upgradeThenStopReading(served: RunningServe): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: served.port,
      path: `/api?token=${served.token}`,
      headers: { Host: `127.0.0.1:${served.port}`, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
    });
    req.on('upgrade', (_res, socket) => {
      socket.on('error', () => undefined);
      socket.pause();
      resolve(socket);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a WebSocket client that stops reading', () => {
  let dir: string;
  let served: RunningServe;
  let core: ReturnType<typeof eventOnlyCore>;
  const gone: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'slipway-slow-'));
    writeFileSync(path.join(dir, 'index.html'), '<div id="root"></div>');
    core = eventOnlyCore();
    served = await startServe({ core, staticDir: dir, port: 0, maxBufferedBytes: BOUND, onClientGone: (id) => gone.push(id) });
  });

  afterEach(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is dropped once its unsent data passes the bound, and the server keeps nothing for it', async () => {
    const socket = await upgradeThenStopReading(served);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const big = 'p'.repeat(256 * 1024);
    // Kernel buffers take a few MiB first; 400 × 256 KiB is far more than they and the bound hold.
    let sent = 0;
    while (gone.length === 0 && sent < 400) {
      core.emit({ taskId: 't', kind: 'stack.up', message: big });
      sent++;
      await new Promise((r) => setImmediate(r));
    }
    expect(gone).toHaveLength(1);
    socket.resume();
    await closed;
  });
});
