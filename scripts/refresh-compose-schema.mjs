// Refreshes the bundled Compose Specification schema (electron/core/compose/schema/compose-spec.json)
// from the compose-spec project: `node scripts/refresh-compose-schema.mjs [SOURCE]`, where SOURCE
// is a compose-spec checkout, a path to its schema/compose-spec.json, or an https URL (default:
// the file on the compose-spec main branch). The `description` texts and the `$schema` line are
// dropped (they play no part in validation); everything else is kept as published.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidatorCode, validatorFile } from './generate-compose-validator.mjs';

const DEFAULT_SOURCE = 'https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'electron/core/compose/schema/compose-spec.json');

async function read(source) {
  if (/^https:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    return response.text();
  }
  const file = statSync(source).isDirectory() ? path.join(source, 'schema', 'compose-spec.json') : source;
  return readFileSync(file, 'utf8');
}

function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'description' && key !== '$schema').map(([key, v]) => [key, strip(v)]));
  }
  return value;
}

const source = process.argv[2] ?? DEFAULT_SOURCE;
try {
  const schema = strip(JSON.parse(await read(source)));
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`compose-spec.json refreshed from ${source}`);
  writeFileSync(validatorFile, generateValidatorCode());
  console.log('compose-validator.generated.js regenerated');
} catch (error) {
  console.error(`refresh-compose-schema: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
