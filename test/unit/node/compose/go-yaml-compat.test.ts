import { describe, expect, it } from 'vitest';
import { goYamlNumber } from '../../../../electron/core/compose/go-yaml-scalars';
import { loadProject } from '../../../../electron/core/compose/load-project';
import { configJson, configYaml } from '../../../../electron/core/compose/print-config';
import { cleanEnv, projectDir } from './helpers';

/**
 * Plain scalars as go-yaml v3 resolves them for compose-go (yaml.v3 resolve.go: strconv's
 * ParseInt base 0 after dropping underscores, then yamlStyleFloat, else a string).
 */
const SCALARS: [string, number | string][] = [
  ['0440', 288], ['0o440', 288], ['0O17', 15], ['0x1F', 31], ['0X1f', 31], ['0b101', 5], ['-0x10', -16], ['+12', 12],
  ['1_000', 1000], ['0', 0], ['007', 7], ['08', 8], ['09.5', 9.5], ['1e3', 1000], ['1.5E-1', 0.15], ['.5', 0.5], ['-1.25', -1.25],
  ['1.2.3', '1.2.3'], ['12:30', '12:30'], ['0x', '0x'], ['0o8', '0o8'], ['1_', 1], ['yes', 'yes'], ['on', 'on'], ['0xZZ', '0xZZ'], ['v1', 'v1'], ['1e', '1e'],
];

describe('numbers as go-yaml v3 reads them', () => {
  it.each(SCALARS)('%s', (text, expected) => {
    expect(goYamlNumber(text) ?? text).toBe(expected);
  });

  it('applies to the file: environment values, with quoted text left as it is', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  a:\n    image: busybox\n    environment:\n      OCT: 0440\n      HEX: 0x1F\n      EIGHT: 08\n      QUOTED: "0440"\n      ON: on\n      VER: 1.2.3\n' });
    const project = await loadProject({ cwd: dir, env: cleanEnv });
    expect(project.model.services.a?.environment).toEqual({ OCT: '288', HEX: '31', EIGHT: '8', QUOTED: '0440', ON: 'on', VER: '1.2.3' });
  });
});

describe('secret and config modes as compose-go FileMode', () => {
  const file = `services:
  a:
    image: busybox
    secrets:
      - { source: s, target: /a, mode: 0440 }
      - { source: s, target: /b, mode: "0440" }
      - { source: s, target: /c, mode: 0o440 }
      - { source: s, target: /d, mode: 288 }
      - { source: s, target: /e, mode: "440" }
    configs:
      - { source: c, mode: 0644 }
    build:
      context: .
      secrets:
        - { source: s, mode: 0400 }
secrets:
  s: { file: ./s.txt }
configs:
  c: { file: ./c.txt }
`;

  it('reads 0440, "0440", 0o440, 288 and "440" as 288, and prints them as "0440"', async () => {
    const project = await loadProject({ cwd: projectDir({ 'compose.yaml': file }), env: cleanEnv });
    const service = project.model.services.a;
    expect(service?.secrets?.map((s) => s.mode)).toEqual([288, 288, 288, 288, 288]);
    expect(service?.configs?.[0]?.mode).toBe(0o644);
    expect(service?.build?.secrets?.[0]?.mode).toBe(0o400);
    const json = JSON.parse(configJson(project.model)) as { services: { a: { secrets: { mode: string }[]; build: { secrets: { mode: string }[] } } } };
    expect(json.services.a.secrets.map((s) => s.mode)).toEqual(['0440', '0440', '0440', '0440', '0440']);
    expect(json.services.a.build.secrets[0]?.mode).toBe('0400');
    expect(configYaml(project.model)).toContain('mode: "0440"');
  });

  it('refuses a mode that is not octal digits, at its place', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  a:\n    image: busybox\n    secrets:\n      - { source: s, mode: "rw-r" }\nsecrets:\n  s: { file: ./s.txt }\n' });
    await expect(loadProject({ cwd: dir, env: cleanEnv })).rejects.toThrow(/^compose\.yaml:5:\d+: services\.a\.secrets\[0\]\.mode: invalid file mode "rw-r"/);
  });
});

describe('COMPOSE_PROJECT_NAME inside the file is the project name', () => {
  const file = 'name: ${PREFIX:-team}-app\nservices:\n  a:\n    image: ${COMPOSE_PROJECT_NAME}:1.0.0\n';

  it('from name: (interpolated), -p, a non-empty COMPOSE_PROJECT_NAME, or the folder', async () => {
    const dir = projectDir({ 'compose.yaml': file });
    expect((await loadProject({ cwd: dir, env: cleanEnv })).model.services.a?.image).toBe('team-app:1.0.0');
    expect((await loadProject({ cwd: dir, env: { ...cleanEnv, PREFIX: 'ops' } })).model.services.a?.image).toBe('ops-app:1.0.0');
    expect((await loadProject({ cwd: dir, env: cleanEnv, projectName: 'flag' })).model.services.a?.image).toBe('flag:1.0.0');
    expect((await loadProject({ cwd: dir, env: { ...cleanEnv, COMPOSE_PROJECT_NAME: 'fromenv' } })).model.services.a?.image).toBe('fromenv:1.0.0');
    expect((await loadProject({ cwd: dir, env: { ...cleanEnv, COMPOSE_PROJECT_NAME: '' } })).model.services.a?.image).toBe('team-app:1.0.0');
    const unnamed = projectDir({ 'compose.yaml': 'services:\n  a:\n    image: ${COMPOSE_PROJECT_NAME}:1.0.0\n' }, 'My_Folder');
    expect((await loadProject({ cwd: unnamed, env: cleanEnv })).model.services.a?.image).toBe('my_folder:1.0.0');
  });
});

describe('deploy keys survive', () => {
  it('deploy.labels as a list becomes a mapping; the other deploy keys are kept', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  a:\n    image: busybox\n    deploy:\n      mode: replicated\n      replicas: 2\n      labels: ["a=b", "c"]\n      endpoint_mode: vip\n      placement: { constraints: ["node.role==manager"], max_replicas_per_node: 1 }\n      resources: { limits: { cpus: "0.5", memory: 50M } }\n      restart_policy: { condition: on-failure, max_attempts: 3 }\n' });
    const deploy = (await loadProject({ cwd: dir, env: cleanEnv })).model.services.a?.deploy;
    expect(deploy).toMatchObject({
      mode: 'replicated', replicas: 2, labels: { a: 'b', c: '' }, endpoint_mode: 'vip',
      placement: { constraints: ['node.role==manager'], max_replicas_per_node: 1 },
      restart_policy: { condition: 'on-failure', max_attempts: 3 },
    });
  });
});
