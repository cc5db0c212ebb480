import { describe, expect, it } from 'vitest';
import { createClient } from '../../../../shared/client';
import { SlipwayError } from '../../../../shared/errors';
import { FakeBridge } from './fake-bridge';

const summary = { projectId: 'shop', name: 'shop', workingDir: '/src/shop', configFiles: ['/src/shop/compose.yaml'], profiles: [], services: ['db'], warnings: [] };

describe('the contract client over a remote bridge', () => {
  it('answers a call with the contract\'s output', async () => {
    const bridge = new FakeBridge().answer('projects.list', () => ({ ok: true, value: [summary] }));
    const projects = await createClient(bridge).call('projects.list', {});
    expect(projects.map((p) => p.workingDir)).toEqual(['/src/shop']);
    expect(bridge.invoked).toEqual([{ name: 'projects.list', input: {} }]);
  });

  it('throws a SlipwayError with code, message and hint for an error envelope', async () => {
    const bridge = new FakeBridge().answer('projects.open', () => ({ ok: false, error: { code: 'no_compose_file', message: 'No compose file in /tmp', hint: 'Pick a folder with compose.yaml.' } }));
    const error: unknown = await createClient(bridge).call('projects.open', { path: '/tmp' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: 'no_compose_file', message: 'No compose file in /tmp', hint: 'Pick a folder with compose.yaml.' });
  });

  it('turns a transport that throws into a SlipwayError too', async () => {
    const bridge = new FakeBridge().answer('projects.list', () => {
      throw new Error('channel closed');
    });
    await expect(createClient(bridge).call('projects.list', {})).rejects.toMatchObject({ name: 'SlipwayError', code: 'internal', message: 'channel closed' });
  });

  it('hands events to their listeners until they unsubscribe', () => {
    const bridge = new FakeBridge();
    const seen: string[] = [];
    const off = createClient(bridge).on('project.opened', (p) => seen.push(p.name));
    bridge.emit('project.opened', summary);
    bridge.emit('project.closed', { projectId: 'shop' });
    off();
    bridge.emit('project.opened', { ...summary, name: 'again' });
    expect(seen).toEqual(['shop']);
  });
});
