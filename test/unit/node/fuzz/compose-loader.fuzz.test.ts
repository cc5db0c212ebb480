import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { isSlipwayError } from '../../../../shared/errors';
import { fuzzRuns, fuzzTimeout, withinBound } from './bounded';

/**
 * The compose loader under random and mutated input: the real files of the tests, cut,
 * spliced and sprinkled with YAML's own punctuation. Every case ends in a project or a
 * SlipwayError with a one-line message, and within a bound; nothing else is thrown.
 */
const fixtures = path.resolve(__dirname, '../../../fixtures/compose');
function composeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return composeFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}
const sources = composeFiles(fixtures).map((file) => readFileSync(file, 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'sw-fuzz-compose-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const yamlBits = fc.constantFrom(':', ': ', '- ', '\n', '  ', '\t', '{', '}', '[', ']', ',', '&a ', '*a', '<<: *a', '!!str ', '!!binary ', '"', "'", '#', '|', '>', '? ', '${', '}', '$$', '${X:-', '${X:?err}', 'null', '~', '0x1F', '1e999', '.inf', '-1', 'yes', 'on', '\u0000', '\uFEFF', '💥');
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(yamlBits, fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % text.length;
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
  }
}

async function loadsOrSaysWhy(text: string): Promise<void> {
  writeFileSync(path.join(work, 'compose.yaml'), text);
  try {
    await withinBound(loadProject({ cwd: work, env: { HOME: '/home/tester' } }), 5_000, 'loadProject');
  } catch (error) {
    expect(isSlipwayError(error), `not a SlipwayError: ${error instanceof Error ? error.stack : String(error)}\n--- input ---\n${text}`).toBe(true);
    if (isSlipwayError(error)) expect(error.message.trim()).not.toBe('');
  }
}

describe('compose loader under fuzzing', () => {
  it('has real files to start from', () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it('says where an alias has no anchor (found by this fuzzer: it escaped as a ReferenceError)', async () => {
    writeFileSync(path.join(work, 'compose.yaml'), 'services:\n  web: *nowhere\n');
    await expect(loadProject({ cwd: work, env: { HOME: '/home/tester' } })).rejects.toMatchObject({ code: 'compose_yaml', message: expect.stringMatching(/^compose\.yaml:1:1: invalid YAML: Unresolved alias/) });
  });

  it('ends every mutated real file in a project or a clear error', async () => {
    const input = fc.tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([text, ms]) => ms.reduce(mutate, text));
    await fc.assert(fc.asyncProperty(input, loadsOrSaysWhy), { numRuns: fuzzRuns(600) });
  }, fuzzTimeout(fuzzRuns(600)));

  it('ends random text and random YAML values in a project or a clear error', async () => {
    const randomYaml = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(yamlBits, { maxLength: 60 }).map((bits) => bits.join('')),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify({ services: v })),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })).map((svc) => JSON.stringify({ services: { web: { image: 'busybox', ...svc } } })),
    );
    await fc.assert(fc.asyncProperty(randomYaml, loadsOrSaysWhy), { numRuns: fuzzRuns(600) });
  }, fuzzTimeout(fuzzRuns(600)));
});
