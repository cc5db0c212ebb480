import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { calls } from '../../../../shared/contract';
import { SlipwayCore } from '../../../../electron/core/slipway-core';
import { MemorySettingsBackend } from '../../../../electron/core/settings/backend';
import { startServe, type RunningServe } from '../../../../electron/serve/serve-server';
import { fuzzRuns, fuzzTimeout, withinBound } from './bounded';

/**
 * Every contract call through the real WebSocket bridge, with random input, mixed with
 * messages the bridge refuses. A call gets a result envelope; a refused message closes
 * only that connection (with a close code); the server answers the next client.
 */
const home = mkdtempSync(path.join(tmpdir(), 'sw-fuzz-ws-'));
const core = new SlipwayCore({ env: { HOME: home, DOCKER_HOST: `unix://${path.join(home, 'no-engine.sock')}` }, settings: new MemorySettingsBackend() });
let served: RunningServe;

beforeAll(async () => {
  writeFileSync(path.join(home, 'index.html'), '<div id="root"></div>');
  served = await startServe({ core, staticDir: home, port: 0 });
});
afterAll(async () => {
  await served.close();
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

const Result = z.object({
  type: z.literal('result'),
  id: z.number(),
  envelope: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: z.object({ code: z.string().min(1), message: z.string().min(1) }) })]),
});
const names = Object.keys(calls).filter((n) => !/^host\.(start|stop)$/.test(n));

async function connect(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${served.port}/api?token=${served.token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

/** Sends one message; resolves the result for `id`, or the close code if the server closed. */
function exchange(ws: WebSocket, data: string | Buffer, id: number): Promise<{ result?: unknown; closed?: number }> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const message: unknown = JSON.parse(raw.toString());
      if (typeof message === 'object' && message !== null && 'type' in message && message.type === 'result' && 'id' in message && message.id === id) {
        ws.off('message', onMessage);
        resolve({ result: message });
      }
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => resolve({ closed: code }));
    ws.send(data);
  });
}

describe('the WebSocket bridge under fuzzing', () => {
  it('answers calls with envelopes and closes only the connections that send what it refuses', async () => {
    let ws = await connect();
    let id = 0;
    const message = fc.oneof(
      { weight: 6, arbitrary: fc.record({ name: fc.constantFrom(...names), input: fc.anything() }).map((m) => ({ kind: 'call' as const, ...m })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((text) => ({ kind: 'text' as const, text })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) })) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }).map((bytes) => ({ kind: 'binary' as const, bytes })) },
    );
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        if (ws.readyState !== WebSocket.OPEN) ws = await connect();
        const callId = ++id;
        const data = m.kind === 'call' ? JSON.stringify({ type: 'call', id: callId, name: m.name, input: m.input }) : m.kind === 'text' ? m.text : Buffer.from(m.bytes);
        const answer = await withinBound(exchange(ws, data, callId), 10_000, 'the bridge');
        if (m.kind === 'call') {
          expect(Result.safeParse(answer.result).success, JSON.stringify(answer)).toBe(true);
        } else if (answer.closed !== undefined) {
          expect([1003, 1007, 1008]).toContain(answer.closed);
        } else {
          // Text that happens to be a well-formed call is answered like one.
          expect(Result.safeParse(answer.result).success, JSON.stringify(answer)).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
    ws.close();
    const next = await connect();
    expect(Result.safeParse((await exchange(next, JSON.stringify({ type: 'call', id: 1, name: 'settings.get', input: {} }), 1)).result).success).toBe(true);
    next.close();
  }, fuzzTimeout(fuzzRuns(300)));
});
