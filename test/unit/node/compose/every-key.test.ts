import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { configJson } from '../../../../electron/core/compose/print-config';

const dir = path.resolve(__dirname, '../../../fixtures/compose/every-key');

type Keyed = Record<string, unknown>;
const isKeyed = (v: unknown): v is Keyed => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A file that sets every key of a service in the Compose spec (and every key of build and
 * deploy): each one is still there in `config --json`. The one exception is env_file,
 * which `docker compose config` also drops once its variables are in `environment`.
 */
describe('every key of the spec survives to config --json', () => {
  it('service, build and deploy keys', async () => {
    const written: unknown = parse(readFileSync(path.join(dir, 'compose.yaml'), 'utf8'));
    const source = isKeyed(written) && isKeyed(written.services) ? written.services.app : undefined;
    if (!isKeyed(source) || !isKeyed(source.build) || !isKeyed(source.deploy)) throw new Error('fixture without services.app.build/deploy');
    const project = await loadProject({ cwd: dir, env: { HOME: '/home/tester' }, profiles: ['all'] });
    const printed: unknown = JSON.parse(configJson(project.model));
    const app = isKeyed(printed) && isKeyed(printed.services) ? printed.services.app : undefined;
    if (!isKeyed(app) || !isKeyed(app.build) || !isKeyed(app.deploy)) throw new Error('no services.app in the output');
    const missing = [
      ...Object.keys(source).filter((k) => k !== 'env_file' && !(k in app)),
      ...Object.keys(source.build).filter((k) => !(k in (app.build as Keyed))).map((k) => `build.${k}`),
      ...Object.keys(source.deploy).filter((k) => !(k in (app.deploy as Keyed))).map((k) => `deploy.${k}`),
    ];
    expect(missing).toEqual([]);
    // The fixture covers the schema: every service key but extends (resolved away), provider and models (another kind of service).
    const schema: unknown = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../electron/core/compose/schema/compose-spec.json'), 'utf8'));
    const definitions = isKeyed(schema) && isKeyed(schema.definitions) ? schema.definitions : {};
    const serviceKeys = isKeyed(definitions.service) && isKeyed(definitions.service.properties) ? Object.keys(definitions.service.properties) : [];
    expect(serviceKeys.filter((k) => !['extends', 'provider', 'models', 'network_mode'].includes(k) && !(k in source))).toEqual([]);
    // network_mode excludes networks: the `side` service carries it.
    expect(isKeyed(printed) && isKeyed(printed.services) && isKeyed(printed.services.side) ? printed.services.side.network_mode : undefined).toBe('service:db');
    expect(app.environment).toEqual({ E: '1', FROM_FILE: '1' });
    expect(app.deploy).toMatchObject({ labels: { tier: 'app' } });
    // develop.watch[].initial_sync is in the current spec (the bundled schema follows it).
    expect(app.develop).toMatchObject({ watch: [{ action: 'sync', initial_sync: true }] });
  });
});
