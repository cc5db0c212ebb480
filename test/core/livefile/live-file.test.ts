import { afterEach, describe, expect, it } from 'vitest';
import { LiveProject, sleeper } from './live-fixture';

/** compose.yaml of three services; `web` runs `command`. */
function threeServices(webCommand = '["sleep", "3600"]'): string {
  return `services:\n  web:\n${sleeper().replace('["sleep", "3600"]', webCommand)}  worker:\n${sleeper('    environment:\n      GREETING: ${GREETING}\n')}  db:\n${sleeper()}`;
}

describe('the project file is live: a save applies exactly what changed', () => {
  let live: LiveProject | undefined;
  afterEach(async () => {
    await live?.cleanup();
    live = undefined;
  });

  it('an edited command recreates that service only; the others keep their containers', async () => {
    live = new LiveProject('livecmd', { 'compose.yaml': threeServices(), '.env': 'GREETING=hi\n' });
    await live.start(true);
    const before = await live.containers();
    const applied = live.nextApplied();
    live.write('compose.yaml', threeServices('["sleep", "3601"]'));
    const result = await applied;
    expect(result.ok).toBe(true);
    expect(result.changedFiles).toEqual(['compose.yaml']);
    expect(result.changes).toEqual([{ service: 'web', change: 'changed', keys: ['command'] }]);
    expect(result.actions).toEqual({ web: 'recreated' });
    const after = await live.containers();
    expect(after.web?.id).not.toBe(before.web?.id);
    expect(after.web?.state).toBe('running');
    expect(after.worker?.id).toBe(before.worker?.id);
    expect(after.db?.id).toBe(before.db?.id);
    const inspected = await live.docker.getContainer(after.web?.id ?? '').inspect();
    expect(inspected.Config.Cmd).toEqual(['sleep', '3601']);
  });

  it('an applied save shows in the startup timeline: an up of the changed service, created and started by Docker', async () => {
    live = new LiveProject('livetl', { 'compose.yaml': threeServices(), '.env': 'GREETING=hi\n' });
    await live.start(true);
    const applied = live.nextApplied();
    live.write('compose.yaml', threeServices('["sleep", "3604"]'));
    expect((await applied).ok).toBe(true);
    const { run } = await live.client.call('timeline.get', { projectId: live.name, settleMs: 30_000 });
    expect(run?.kind).toBe('up');
    expect(run?.ok).toBe(true);
    expect(run?.services.map((s) => s.service)).toEqual(['web']);
    const web = run?.services[0];
    expect(web?.createdAt).toEqual(expect.any(Number));
    expect(web?.startedAt).toEqual(expect.any(Number));
    expect(run?.criticalPath).toEqual(['web']);
  });

  it('a variable edited in .env recreates only the service that uses it', async () => {
    live = new LiveProject('liveenv', { 'compose.yaml': threeServices(), '.env': 'GREETING=hi\n' });
    await live.start(true);
    const before = await live.containers();
    const applied = live.nextApplied();
    live.write('.env', 'GREETING=hello\n');
    const result = await applied;
    expect(result.changedFiles).toEqual(['.env']);
    expect(result.changes).toEqual([{ service: 'worker', change: 'changed', keys: ['environment.GREETING'] }]);
    const after = await live.containers();
    expect(after.worker?.id).not.toBe(before.worker?.id);
    expect(after.web?.id).toBe(before.web?.id);
    expect(after.db?.id).toBe(before.db?.id);
    expect((await live.docker.getContainer(after.worker?.id ?? '').inspect()).Config.Env).toContain('GREETING=hello');
  });

  it('an edit to an included file recreates the service it defines', async () => {
    const side = (seconds: number) => `services:\n  side:\n${sleeper().replace('3600', String(seconds))}`;
    live = new LiveProject('liveinc', { 'compose.yaml': `include:\n  - extra.yaml\nservices:\n  web:\n${sleeper()}`, 'extra.yaml': side(3600) });
    await live.start(true);
    const before = await live.containers();
    const applied = live.nextApplied();
    live.write('extra.yaml', side(3602));
    const result = await applied;
    expect(result.changedFiles).toEqual(['extra.yaml']);
    expect(result.changes.map((c) => c.service)).toEqual(['side']);
    const after = await live.containers();
    expect(after.side?.id).not.toBe(before.side?.id);
    expect(after.web?.id).toBe(before.web?.id);
  });

  it('a broken edit is reported with its line and changes nothing; the fix applies', async () => {
    live = new LiveProject('livebad', { 'compose.yaml': threeServices(), '.env': 'GREETING=hi\n' });
    await live.start(true);
    const before = await live.containers();
    const broken = live.nextState((s) => s.error !== undefined);
    // An unclosed flow sequence: a YAML error at a line and column of compose.yaml.
    live.write('compose.yaml', threeServices('["sleep", "3603"'));
    const state = await broken;
    expect(state.error?.message).toMatch(/compose\.yaml:\d+:\d+/);
    expect(await live.containers()).toEqual(before);
    // A variable that must be set, and is not: also reported, also nothing changed.
    const missing = live.nextState((s) => s.error !== undefined && s.error.message.includes('NEEDED'));
    live.write('compose.yaml', threeServices('["sleep", "${NEEDED:?set NEEDED}"]'));
    expect((await missing).error?.message).toMatch(/compose\.yaml:\d+:\d+.*NEEDED/);
    expect(await live.containers()).toEqual(before);
    // A key the schema does not know, then a dependency cycle: each located, neither changes anything.
    const schema = live.nextState((s) => s.error !== undefined && s.error.message.includes('colour'));
    live.write('compose.yaml', threeServices().replace('  db:\n', '  db:\n    colour: red\n'));
    expect((await schema).error?.message).toMatch(/compose\.yaml:\d+:\d+.*colour/);
    const cycle = live.nextState((s) => s.error !== undefined && s.error.message.includes('cycle'));
    const depends = (on: string) => `    depends_on: [${on}]\n`;
    live.write('compose.yaml', threeServices().replace('  worker:\n', `${depends('worker')}  worker:\n${depends('web')}`));
    expect((await cycle).error?.message).toMatch(/compose\.yaml:\d+:\d+: dependency cycle/);
    expect(await live.containers()).toEqual(before);
    const applied = live.nextApplied();
    live.write('compose.yaml', threeServices('["sleep", "3603"]'));
    const result = await applied;
    expect(result.ok).toBe(true);
    expect(result.actions).toEqual({ web: 'recreated' });
    expect((await live.client.call('livefile.status', { projectId: live.name })).error).toBeUndefined();
  });

  it('a new service is created; a removed one is stopped and reported as an orphan', async () => {
    live = new LiveProject('liveadd', { 'compose.yaml': threeServices(), '.env': 'GREETING=hi\n' });
    await live.start(true);
    const before = await live.containers();
    const applied = live.nextApplied();
    live.write('compose.yaml', `services:\n  web:\n${sleeper()}  db:\n${sleeper()}  cache:\n${sleeper()}`);
    const result = await applied;
    expect(result.changes).toEqual([
      { service: 'cache', change: 'added', keys: [] },
      { service: 'worker', change: 'removed', keys: [] },
    ]);
    expect(result.actions).toEqual({ cache: 'created', worker: 'stopped' });
    const after = await live.containers();
    expect(after.cache?.state).toBe('running');
    expect(after.worker).toEqual({ id: before.worker?.id, state: 'exited' });
    expect(after.web).toEqual(before.web);
    expect(after.db).toEqual(before.db);
  });

  it('without watching, the change waits for apply', async () => {
    live = new LiveProject('liveask', { 'compose.yaml': threeServices(), '.env': 'GREETING=hi\n' });
    await live.start(false);
    const before = await live.containers();
    const pending = live.nextState((s) => s.changes.length > 0);
    live.write('compose.yaml', threeServices('["sleep", "3604"]'));
    const state = await pending;
    expect(state.autoApply).toBe(false);
    expect(state.changes).toEqual([{ service: 'web', change: 'changed', keys: ['command'] }]);
    expect(await live.containers()).toEqual(before);
    const result = await live.client.call('livefile.apply', { projectId: live.name });
    expect(result.actions).toEqual({ web: 'recreated' });
    expect((await live.containers()).web?.id).not.toBe(before.web?.id);
    expect((await live.client.call('livefile.status', { projectId: live.name })).changes).toEqual([]);
  });

  it('an up from elsewhere (the Up button) takes what it brought up off the pending list', async () => {
    live = new LiveProject('liveup', { 'compose.yaml': threeServices(), '.env': 'GREETING=hi\n' });
    await live.start(false);
    const pending = live.nextState((s) => s.changes.length > 0);
    live.write('compose.yaml', threeServices('["sleep", "3605"]'));
    await pending;
    const cleared = live.nextState((s) => s.changes.length === 0);
    await live.client.runTask('stack.up', { projectId: live.name });
    expect((await cleared).changes).toEqual([]);
    expect((await live.client.call('livefile.status', { projectId: live.name })).changes).toEqual([]);
  });
});
