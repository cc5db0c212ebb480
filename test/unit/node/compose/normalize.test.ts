import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { cleanEnv, projectDir } from './helpers';

async function load(compose: string, extra: Record<string, string> = {}, env: Record<string, string> = cleanEnv) {
  const dir = projectDir({ 'compose.yaml': compose, ...extra }, 'myapp');
  return { dir, project: await loadProject({ cwd: dir, env }) };
}

describe('normalisation to the long forms `docker compose config --format json` prints', () => {
  it('fills the defaults: networks, command/entrypoint null, default network named after the project', async () => {
    const { project } = await load('services:\n  web:\n    image: nginx\n');
    expect(project.name).toBe('myapp');
    expect(project.model).toEqual({
      name: 'myapp',
      services: { web: { image: 'nginx', command: null, entrypoint: null, networks: { default: null } } },
      networks: { default: { name: 'myapp_default', ipam: {} } },
    });
  });

  it('depends_on list → map with condition and required', async () => {
    const { project } = await load('services:\n  web:\n    image: a\n    depends_on: [db]\n  api:\n    image: a\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n  db:\n    image: b\n');
    expect(project.model.services.web?.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(project.model.services.api?.depends_on).toEqual({ db: { condition: 'service_healthy', required: true, restart: true } });
  });

  it('ports: short syntax with ranges, IPs and protocols; long syntax with defaults; published as a string', async () => {
    const { project } = await load(
      'services:\n  web:\n    image: a\n    ports:\n      - 80\n      - "8080:80"\n      - "127.0.0.1:9000-9001:9000-9001/udp"\n      - "[::1]:5432:5432"\n      - "127.0.0.1::6379"\n      - target: 443\n        published: 8443\n',
    );
    expect(project.model.services.web?.ports).toEqual([
      { mode: 'ingress', target: 80, protocol: 'tcp' },
      { mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' },
      { mode: 'ingress', host_ip: '127.0.0.1', target: 9000, published: '9000', protocol: 'udp' },
      { mode: 'ingress', host_ip: '127.0.0.1', target: 9001, published: '9001', protocol: 'udp' },
      { mode: 'ingress', host_ip: '::1', target: 5432, published: '5432', protocol: 'tcp' },
      { mode: 'ingress', host_ip: '127.0.0.1', target: 6379, protocol: 'tcp' },
      { mode: 'ingress', target: 443, published: '8443', protocol: 'tcp' },
    ]);
  });

  it('volumes: binds absolute with create_host_path, :ro → read_only, named and anonymous volumes', async () => {
    const { dir, project } = await load(
      'services:\n  web:\n    image: a\n    volumes:\n      - ./src:/app/src:ro\n      - data:/data:nocopy\n      - /var/run/docker.sock:/var/run/docker.sock\n      - /cache\n      - type: bind\n        source: ./conf\n        target: /conf\n        read_only: true\nvolumes:\n  data:\n',
    );
    expect(project.model.services.web?.volumes).toEqual([
      { type: 'bind', source: path.join(dir, 'src'), target: '/app/src', read_only: true, bind: { create_host_path: true } },
      { type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } },
      { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', bind: { create_host_path: true } },
      { type: 'volume', target: '/cache', volume: {} },
      { type: 'bind', source: path.join(dir, 'conf'), target: '/conf', read_only: true },
    ]);
    expect(project.model.volumes).toEqual({ data: { name: 'myapp_data' } });
  });

  it('build context absolute, dockerfile default, args list → map resolved from the environment', async () => {
    const { dir, project } = await load('services:\n  web:\n    build:\n      context: ./app\n      args: [A=1, FROM_ENV, UNSET]\n  other:\n    build: .\n', {}, { ...cleanEnv, FROM_ENV: 'x' });
    expect(project.model.services.web?.build).toEqual({ context: path.join(dir, 'app'), dockerfile: 'Dockerfile', args: { A: '1', FROM_ENV: 'x', UNSET: null } });
    expect(project.model.services.other?.build).toEqual({ context: dir, dockerfile: 'Dockerfile' });
  });

  it('command and entrypoint strings are shell-split; arrays stay', async () => {
    const { project } = await load('services:\n  web:\n    image: a\n    command: sh -c "echo \'hi there\' && sleep 1"\n    entrypoint: ["/bin/tini", "--"]\n');
    expect(project.model.services.web?.command).toEqual(['sh', '-c', "echo 'hi there' && sleep 1"]);
    expect(project.model.services.web?.entrypoint).toEqual(['/bin/tini', '--']);
  });

  it('healthcheck: string test → CMD-SHELL, durations as Go prints them, start_interval warned about', async () => {
    const { project } = await load('services:\n  db:\n    image: a\n    healthcheck:\n      test: pg_isready\n      interval: 90s\n      timeout: 1500ms\n      start_period: 1h\n      start_interval: 1s\n      retries: 5\n');
    expect(project.model.services.db?.healthcheck).toEqual({ test: ['CMD-SHELL', 'pg_isready'], interval: '1m30s', timeout: '1.5s', start_period: '1h0m0s', start_interval: '1s', retries: 5 });
    expect(project.warnings).toContain('services.db.healthcheck.start_interval is ignored by Docker Engine versions before 25');
  });

  it('environment from env_file then environment (which wins); bare names from the environment', async () => {
    const { project } = await load(
      'services:\n  web:\n    image: a\n    env_file: [web.env]\n    environment:\n      - B=from-compose\n      - HOME\n      - NOT_SET\n      - N=1\n',
      { 'web.env': 'A=from-file\nB=from-file\nC=${HOME}\n' },
    );
    expect(project.model.services.web?.environment).toEqual({ A: 'from-file', B: 'from-compose', C: '/home/tester', HOME: '/home/tester', NOT_SET: null, N: '1' });
    expect(project.model.services.web?.env_file).toBeUndefined();
  });

  it('an optional env_file that is missing is fine; a required one is an error', async () => {
    const ok = await load('services:\n  web:\n    image: a\n    env_file:\n      - path: nope.env\n        required: false\n');
    expect(ok.project.model.services.web?.environment).toEqual({});
    await expect(load('services:\n  web:\n    image: a\n    env_file: nope.env\n')).rejects.toThrow(/env file .*nope\.env not found/);
  });

  it('labels and environment values become strings; networks list → map; top-level network names', async () => {
    const { project } = await load('services:\n  web:\n    image: a\n    labels: {a: 1, b: true}\n    environment: {N: 1, F: 1.5, B: false, E: null}\n    networks: [front]\n  other:\n    image: b\n    networks: [outside, named]\nnetworks:\n  front:\n  outside:\n    external: true\n  named:\n    name: custom\n  unused:\n');
    const web = project.model.services.web;
    expect(web?.labels).toEqual({ a: '1', b: 'true' });
    expect(web?.environment).toEqual({ N: '1', F: '1.5', B: 'false', E: null });
    expect(web?.networks).toEqual({ front: null });
    expect(project.model.networks).toEqual({
      front: { name: 'myapp_front', ipam: {} },
      outside: { name: 'outside', external: true, ipam: {} },
      named: { name: 'custom', ipam: {} },
    });
  });

  it('$$ is a literal $ in the model; the process environment overrides .env', async () => {
    const { project } = await load('services:\n  web:\n    image: "img:${TAG}"\n    command: echo $$HOME ${GREETING}\n', { '.env': 'TAG=from-dotenv\nGREETING=hello\n' }, { ...cleanEnv, TAG: 'from-env' });
    expect(project.model.services.web?.image).toBe('img:from-env');
    expect(project.model.services.web?.command).toEqual(['echo', '$HOME', 'hello']);
  });

  it('interpolated numbers and booleans are cast where Compose expects them', async () => {
    const { project } = await load('services:\n  web:\n    image: a\n    tty: "${TTY}"\n    ports:\n      - target: "${PORT}"\n    healthcheck:\n      retries: "${R}"\n', {}, { ...cleanEnv, TTY: 'true', PORT: '80', R: '3' });
    expect(project.model.services.web?.tty).toBe(true);
    expect(project.model.services.web?.ports?.[0]?.target).toBe(80);
    expect(project.model.services.web?.healthcheck?.retries).toBe(3);
  });

  it('false booleans Compose omits are dropped; extra_hosts kept as host → IPs', async () => {
    const { project } = await load('services:\n  web:\n    image: a\n    privileged: false\n    init: false\n    extra_hosts: ["db:10.0.0.1", "v6=::1"]\n');
    expect(project.model.services.web?.privileged).toBeUndefined();
    expect(project.model.services.web?.init).toBe(false);
    expect(project.model.services.web?.extra_hosts).toEqual({ db: ['10.0.0.1'], v6: ['::1'] });
  });

  it('links, service: namespaces and volumes_from add depends_on entries; pull_policy if_not_present → missing', async () => {
    const { project } = await load('services:\n  db:\n    image: a\n  vpn:\n    image: a\n  data:\n    image: a\n  web:\n    image: a\n    pull_policy: if_not_present\n    links: ["db:database"]\n    network_mode: service:vpn\n    volumes_from: ["data:ro", "container:other"]\n');
    const web = project.model.services.web;
    expect(web?.pull_policy).toBe('missing');
    expect(web?.depends_on).toEqual({
      db: { condition: 'service_started', required: true, restart: true },
      vpn: { condition: 'service_started', required: true, restart: true },
      data: { condition: 'service_started', required: true },
    });
    expect(web?.networks).toBeUndefined();
  });

  it('secrets and configs: bare names become {source}, files absolute, unused resources dropped, version removed with a warning', async () => {
    const { dir, project } = await load('version: "3.8"\nservices:\n  web:\n    image: a\n    secrets: [token]\n    configs: [{source: app, target: /etc/app.conf}]\n    volumes: ["/data/"]\nsecrets:\n  token:\n    file: ./token.txt\n  spare:\n    file: ./spare.txt\nconfigs:\n  app:\n    file: app.conf\nvolumes:\n  unused: {}\n');
    expect(project.model.services.web?.secrets).toEqual([{ source: 'token' }]);
    expect(project.model.services.web?.configs).toEqual([{ source: 'app', target: '/etc/app.conf' }]);
    expect(project.model.services.web?.volumes).toEqual([{ type: 'volume', target: '/data', volume: {} }]);
    expect(project.model.secrets).toEqual({ token: { name: 'myapp_token', file: path.join(dir, 'token.txt') } });
    expect(project.model.configs).toEqual({ app: { name: 'myapp_app', file: path.join(dir, 'app.conf') } });
    expect(project.model.volumes).toBeUndefined();
    expect((project.model as unknown as Record<string, unknown>).version).toBeUndefined();
    expect(project.warnings.some((w) => w.includes('`version` is obsolete'))).toBe(true);
  });

  it('sizes print as byte strings and CPU counts as numbers', async () => {
    const { project } = await load('services:\n  web:\n    image: a\n    mem_limit: 512m\n    shm_size: 1gb\n    cpus: "0.5"\n    deploy:\n      resources:\n        limits:\n          memory: 2G\n          cpus: "1.5"\n');
    const web = project.model.services.web as Record<string, unknown>;
    expect(web.mem_limit).toBe('536870912');
    expect(web.shm_size).toBe('1073741824');
    expect(web.cpus).toBe(0.5);
    expect(web.deploy).toEqual({ resources: { limits: { memory: '2147483648', cpus: 1.5 } } });
  });

  it('devices → long form with rwm; device requests default to count all; group_add as strings', async () => {
    const { project } = await load('services:\n  web:\n    image: a\n    devices: ["/dev/ttyUSB0", "/dev/a:/dev/b:r"]\n    group_add: [1000, audio]\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n');
    const web = project.model.services.web as Record<string, unknown>;
    expect(web.devices).toEqual([
      { source: '/dev/ttyUSB0', target: '/dev/ttyUSB0', permissions: 'rwm' },
      { source: '/dev/a', target: '/dev/b', permissions: 'r' },
    ]);
    expect(web.group_add).toEqual(['1000', 'audio']);
    expect(web.deploy).toEqual({ resources: { reservations: { devices: [{ capabilities: ['gpu'], count: 'all' }] } } });
  });

  it('develop.watch paths absolute and lists; hooks with list commands; deploy durations', async () => {
    const { dir, project } = await load('services:\n  web:\n    image: a\n    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app/src\n          ignore: node_modules/\n          exec:\n            command: kill -HUP 1\n    post_start:\n      - command: ./warm.sh --fast\n    deploy:\n      restart_policy:\n        delay: 90s\n');
    const web = project.model.services.web as Record<string, unknown>;
    expect(web.develop).toEqual({ watch: [{ path: path.join(dir, 'src'), action: 'sync+exec', target: '/app/src', ignore: ['node_modules/'], exec: { command: ['kill', '-HUP', '1'] } }] });
    expect(web.post_start).toEqual([{ command: ['./warm.sh', '--fast'] }]);
    expect(web.deploy).toEqual({ restart_policy: { delay: '1m30s' } });
  });

  it('keeps x- extensions and YAML anchors / merge keys', async () => {
    const { project } = await load('x-common: &common\n  image: base\n  restart: always\nservices:\n  web:\n    <<: *common\n    x-note: hi\n');
    expect(project.model['x-common']).toEqual({ image: 'base', restart: 'always' });
    expect(project.model.services.web).toMatchObject({ image: 'base', restart: 'always', 'x-note': 'hi' });
  });
});
