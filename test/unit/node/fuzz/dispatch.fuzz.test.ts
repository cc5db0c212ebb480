import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls } from '../../../../shared/contract';
import { SlipwayCore } from '../../../../electron/core/slipway-core';
import { MemorySettingsBackend } from '../../../../electron/core/settings/backend';
import { fuzzRuns, fuzzTimeout, withinBound } from './bounded';

/**
 * The contract's dispatch under random calls: any name, any input. Every call ends in an
 * envelope ({ok: true, value} or {ok: false, error: {code, message}}) within a bound, and
 * nothing is thrown. The engine address leads nowhere and the host is never started or
 * stopped from here (host.start/stop run the host's tools).
 */
const home = mkdtempSync(path.join(tmpdir(), 'sw-fuzz-core-'));
const core = new SlipwayCore({ env: { HOME: home, DOCKER_HOST: `unix://${path.join(home, 'no-engine.sock')}` }, settings: new MemorySettingsBackend() });
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

const Envelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string().min(1), message: z.string().min(1), hint: z.string().optional() }).strict() }).strict(),
]);
const names = Object.keys(calls).filter((n) => !/^host\.(start|stop)$/.test(n));

async function answersWithAnEnvelope(name: string, input: unknown): Promise<void> {
  const answer: unknown = await withinBound(Promise.resolve().then(() => core.call(name, input)), 10_000, `${name}`);
  const parsed = Envelope.safeParse(answer);
  expect(parsed.success, `${name}(${JSON.stringify(input)}) answered ${JSON.stringify(answer)}`).toBe(true);
}

describe('contract dispatch under fuzzing', () => {
  it('answers any name with an envelope', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'host.start', 'stack.up.', '')), fc.anything(), async (name, input) => {
      fc.pre(!names.includes(name) && !/^host\.(start|stop)$/.test(name));
      await answersWithAnEnvelope(name, input);
    }), { numRuns: fuzzRuns(300) });
  }, fuzzTimeout(fuzzRuns(300)));

  it('answers every call of the contract, with random input, with an envelope', async () => {
    const input = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.constantFrom('projectId', 'path', 'service', 'services', 'sessionId', 'subscriptionId', 'taskId', 'query', 'name', 'theme', 'id', '__proto__'), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), fc.constant(null))),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...names), input, answersWithAnEnvelope), { numRuns: fuzzRuns(1500) });
  }, fuzzTimeout(fuzzRuns(1500)));
});
