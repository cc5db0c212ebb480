import { describe, expect, it } from 'vitest';
import { containerSpec, inheritedVolumes } from '../../../../electron/core/stack/container-spec';
import { dependsOnLabel, serviceConfigHash, stableJson } from '../../../../electron/core/stack/labels';
import { dependenciesOf, findCycle, selectServices, startLevels } from '../../../../electron/core/stack/plan';
import type { Project, ServiceConfig } from '../../../../shared/model/project';

function project(services: Record<string, ServiceConfig>, extra: Partial<Project['model']> = {}): Project {
  return { name: 'demo', workingDir: '/src/demo', configFiles: ['/src/demo/compose.yaml'], profiles: [], model: { name: 'demo', services, ...extra }, disabledServices: {}, warnings: [] };
}

const dep = (condition: 'service_started' | 'service_healthy' | 'service_completed_successfully', extra: { required?: boolean; restart?: boolean } = {}) => ({ condition, required: true, ...extra });

describe('plan', () => {
  const p = project({
    db: { image: 'pg' },
    migrate: { image: 'app', depends_on: { db: dep('service_healthy') } },
    web: { image: 'app', depends_on: { migrate: dep('service_completed_successfully') }, links: ['cache:redis'] },
    cache: { image: 'redis' },
    side: { image: 'x', network_mode: 'service:web' },
  });
  const deps = dependenciesOf(p);

  it('reads conditions from depends_on and treats links/network_mode as service_started', () => {
    expect(deps.get('web')).toEqual([
      { service: 'migrate', condition: 'service_completed_successfully', required: true, restart: false },
      { service: 'cache', condition: 'service_started', required: true, restart: false },
    ]);
    expect(deps.get('side')).toEqual([{ service: 'web', condition: 'service_started', required: true, restart: false }]);
  });

  it('orders services in levels, dependencies first', () => {
    expect(startLevels(Object.keys(p.model.services), deps)).toEqual([['cache', 'db'], ['migrate'], ['web'], ['side']]);
  });

  it('selects named services with their dependencies, or alone with noDeps', () => {
    expect(selectServices(p, deps, ['web'])).toEqual(['cache', 'db', 'migrate', 'web']);
    expect(selectServices(p, deps, ['web'], true)).toEqual(['web']);
    expect(() => selectServices(p, deps, ['nope'])).toThrow('No such service: "nope"');
  });

  it('finds a cycle as a path', () => {
    const cyclic = project({ a: { depends_on: { b: dep('service_started') } }, b: { depends_on: { a: dep('service_started') } } });
    expect(findCycle(dependenciesOf(cyclic))).toEqual(['a', 'b', 'a']);
    expect(findCycle(deps)).toBeUndefined();
  });
});

describe('labels', () => {
  it('hashes the service without build, depends_on, profiles, scale, pull_policy, replicas; key order does not matter', () => {
    const base: ServiceConfig = { image: 'app', command: ['run'], environment: { A: '1' } };
    const hash = serviceConfigHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(serviceConfigHash({ environment: { A: '1' }, command: ['run'], image: 'app' })).toBe(hash);
    expect(serviceConfigHash({ ...base, build: { context: '/x' }, depends_on: { db: dep('service_started') }, profiles: ['p'], scale: 2, pull_policy: 'always' })).toBe(hash);
    expect(serviceConfigHash({ ...base, environment: { A: '2' } })).not.toBe(hash);
    expect(serviceConfigHash({ ...base, deploy: { replicas: 3 } })).toBe(serviceConfigHash({ ...base, deploy: {} }));
  });

  it('writes depends_on as Compose v2 does', () => {
    expect(dependsOnLabel({ depends_on: { db: dep('service_healthy'), cache: dep('service_started', { restart: true }) } })).toBe('db:service_healthy:false,cache:service_started:true');
  });

  it('stableJson sorts keys at every level', () => {
    expect(stableJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});

describe('containerSpec', () => {
  it('maps a service to create options', () => {
    const p = project({
      api: {
        image: 'app:1',
        command: ['serve'],
        entrypoint: ['/init'],
        environment: { A: '1', UNSET: null },
        ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }],
        volumes: [
          { type: 'bind', source: '/src/demo/app', target: '/app', read_only: true },
          { type: 'volume', source: 'data', target: '/data' },
        ],
        healthcheck: { test: ['CMD', 'true'], interval: '1s', timeout: '500ms', start_period: '2s', retries: 3 },
        init: true,
        stop_signal: 'SIGINT',
        stop_grace_period: '3s',
        networks: { front: { aliases: ['api.local'] }, back: null },
      },
    }, { volumes: { data: {} }, networks: { front: {}, back: { name: 'shared-back' } } });
    const spec = containerSpec(p, 'api', 1, 'sha256:abc');
    const o = spec.options;
    expect(o.name).toBe('demo-api-1');
    expect(o.Image).toBe('app:1');
    expect(o.Cmd).toEqual(['serve']);
    expect(o.Entrypoint).toEqual(['/init']);
    expect(o.Env).toEqual(['A=1', 'UNSET']);
    expect(o.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(o.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] });
    expect(o.HostConfig?.Binds).toEqual(['/src/demo/app:/app:ro']);
    expect(o.HostConfig?.Mounts).toEqual([{ Type: 'volume', Target: '/data', Source: 'demo_data' }]);
    expect(o.Healthcheck).toEqual({ Test: ['CMD', 'true'], Interval: 1e9, Timeout: 5e8, StartPeriod: 2e9, Retries: 3 });
    expect(o.HostConfig?.Init).toBe(true);
    expect(o.StopSignal).toBe('SIGINT');
    expect((o as { StopTimeout?: number }).StopTimeout).toBe(3);
    expect(o.HostConfig?.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } });
    expect(o.HostConfig?.NetworkMode).toBe('shared-back');
    expect(o.NetworkingConfig?.EndpointsConfig).toEqual({ 'shared-back': { Aliases: ['api'] } });
    expect(spec.extraNetworks).toEqual([{ name: 'demo_front', aliases: ['api', 'api.local'] }]);
    expect(o.Labels).toMatchObject({ 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'api', 'com.docker.compose.oneoff': 'False', 'com.docker.compose.image': 'sha256:abc', 'com.docker.compose.project.config_files': '/src/demo/compose.yaml' });
  });

  it('uses the peer container for network_mode: service:X and honours logging', () => {
    const p = project({ side: { image: 'x', network_mode: 'service:web', logging: { driver: 'local', options: { 'max-size': '1m' } } } });
    const o = containerSpec(p, 'side', 1, 'sha256:1', { peers: { web: 'abc123' } }).options;
    expect(o.HostConfig?.NetworkMode).toBe('container:abc123');
    expect(o.NetworkingConfig).toBeUndefined();
    expect(o.HostConfig?.LogConfig).toEqual({ Type: 'local', Config: { 'max-size': '1m' } });
  });
});

describe('anonymous volumes on recreate (as Compose)', () => {
  const old = [
    { type: 'volume', name: 'anon1', source: '/v/anon1', destination: '/data', rw: true },
    { type: 'volume', name: 'anon2', source: '/v/anon2', destination: '/var/lib/db/', rw: true },
    { type: 'volume', name: 'demo_store', source: '/v/store', destination: '/store', rw: true },
    { type: 'bind', source: '/src', destination: '/src', rw: true },
  ];

  it('carries over the volumes at anonymous targets of the file and at the image’s VOLUMEs, never binds or other named ones', () => {
    const config: ServiceConfig = { image: 'x', volumes: [{ type: 'volume', target: '/data' }, { type: 'volume', source: 'store', target: '/store' }, { type: 'bind', source: '/src', target: '/src' }] };
    expect(inheritedVolumes(config, old, ['/var/lib/db'])).toEqual([{ name: 'anon1', target: '/data' }, { name: 'anon2', target: '/var/lib/db' }]);
    expect(inheritedVolumes(config, old, [])).toEqual([{ name: 'anon1', target: '/data' }]);
    expect(inheritedVolumes({ image: 'x' }, old, [])).toEqual([]);
  });

  it('mounts an inherited volume once: at the file’s anonymous target, or alone for an image VOLUME the service does not mount over', () => {
    const p = project({ db: { image: 'x', volumes: [{ type: 'volume', target: '/data' }, { type: 'bind', source: '/src', target: '/var/lib/db' }] } });
    const inherited = [{ name: 'anon1', target: '/data' }, { name: 'anon2', target: '/var/lib/db' }, { name: 'anon3', target: '/cache' }];
    const o = containerSpec(p, 'db', 1, 'sha256:1', { inherited, name: 'abc_demo-db-1', replaces: 'demo-db-1' }).options;
    expect(o.HostConfig?.Mounts).toEqual([{ Type: 'volume', Target: '/data', Source: 'anon1' }, { Type: 'volume', Source: 'anon3', Target: '/cache' }]);
    expect(o.HostConfig?.Binds).toEqual(['/src:/var/lib/db:rw']);
    expect(o.name).toBe('abc_demo-db-1');
    expect(o.Labels?.['com.docker.compose.replace']).toBe('demo-db-1');
  });
});
