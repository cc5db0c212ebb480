// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StoresContext } from '../../../../renderer/src/app-context';
import { createLogsStore } from '../../../../renderer/src/logs/logs-store';
import { createAppStore } from '../../../../renderer/src/store/app-store';
import { ImagesPanel } from '../../../../renderer/src/views/images/ImagesPanel';
import type { TaskProgress } from '../../../../shared/contract/tasks';
import { applyProgress } from '../../../../renderer/src/views/images/images-progress';
import { FakeClient } from '../fake-client';

afterEach(cleanup);

const web = {
  service: 'web',
  image: '127.0.0.1:5000/shop/web:latest',
  commitTag: '127.0.0.1:5000/shop/web:1a2b3c4-dirty',
  hasBuild: true,
  pushable: true,
  imageId: 'sha256:aaa',
  localTags: ['127.0.0.1:5000/shop/web:latest'],
  pushed: [] as Array<{ tag: string; digest?: string; at: string }>,
};
const worker = { service: 'worker', image: 'shop-worker:latest', hasBuild: true, pushable: false, localTags: [], pushed: [] };

function renderPanel(client: FakeClient) {
  const stores = { app: createAppStore(client), logs: createLogsStore(client, { frame: (cb) => setTimeout(cb, 0), minFlushMs: 0 }) };
  return render(
    <StoresContext.Provider value={stores}>
      <ImagesPanel projectId="shop" />
    </StoresContext.Provider>,
  );
}

describe('the Images panel', () => {
  it('lists BuildKit steps with their state under a bar of steps finished, with the running step output', async () => {
    const client = new FakeClient().answer('images.list', { ok: true, value: [web, worker] });
    client.answer('images.build', () => {
      setTimeout(() => {
        const emit = (message: string, build: TaskProgress['build']) => client.emit('task.progress', { taskId: 'k1', kind: 'images.build', projectId: 'shop', subject: 'web', message, build });
        emit('building with BuildKit', { kind: 'builder', builder: 'buildkit' });
        emit('#1 [1/3] FROM busybox:latest', { kind: 'step', vertex: 1, name: '[1/3] FROM busybox:latest', state: 'running' });
        emit('#1 CACHED', { kind: 'step', vertex: 1, name: '[1/3] FROM busybox:latest', state: 'cached' });
        emit('#2 [2/3] COPY . /app', { kind: 'step', vertex: 2, name: '[2/3] COPY . /app', state: 'running' });
        emit('#2 DONE 0.4s', { kind: 'step', vertex: 2, name: '[2/3] COPY . /app', state: 'done', seconds: 0.4 });
        emit('#3 [3/3] RUN make', { kind: 'step', vertex: 3, name: '[3/3] RUN make', state: 'running' });
        emit('#3 compiling things', { kind: 'output', vertex: 3, line: 'compiling things' });
      }, 0);
      return { ok: true, value: { taskId: 'k1' } };
    });
    renderPanel(client);
    await userEvent.click(await screen.findByRole('button', { name: 'Build web' }));
    const bar = await screen.findByRole('progressbar', { name: 'web build steps 2 of 3 finished' });
    expect(bar.getAttribute('max')).toBe('3');
    const steps = within(screen.getByRole('list', { name: 'web build steps' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(steps).toEqual(['#1 [1/3] FROM busybox:latest CACHED', '#2 [2/3] COPY . /app DONE 0.4s', '#3 [3/3] RUN make running']);
    expect(screen.getByLabelText('web build output').textContent).toBe('compiling things');
  });

  it('builds one service with a bar per step, then says it finished', async () => {
    const client = new FakeClient().answer('images.list', { ok: true, value: [web, worker] });
    let finish: () => void = () => undefined;
    client.answer('images.build', () => {
      setTimeout(() => {
        client.emit('task.progress', { taskId: 'b1', kind: 'images.build', projectId: 'shop', subject: 'web', message: 'Step 1/3 : FROM busybox:latest', current: 1, total: 3 });
        client.emit('task.progress', { taskId: 'b1', kind: 'images.build', projectId: 'shop', subject: 'web', message: 'Step 2/3 : RUN make', current: 2, total: 3 });
        client.emit('task.progress', { taskId: 'b1', kind: 'images.build', projectId: 'shop', subject: 'web', message: 'compiling things' });
        finish = () => client.emit('task.done', { taskId: 'b1', kind: 'images.build', projectId: 'shop', ok: true, result: { images: [{ service: 'web' }] } });
      }, 0);
      return { ok: true, value: { taskId: 'b1' } };
    });
    renderPanel(client);
    await userEvent.click(await screen.findByRole('button', { name: 'Build web' }));
    expect(client.callsOf('images.build')).toEqual([{ projectId: 'shop', services: ['web'] }]);
    const bar = await screen.findByRole('progressbar', { name: 'web build step 2 of 3' });
    expect(bar.getAttribute('value')).toBe('2');
    expect(screen.getByText('RUN make')).toBeTruthy();
    expect(screen.getByLabelText('web build output').textContent).toBe('compiling things');
    expect((screen.getByRole('button', { name: 'Build all' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => finish());
    expect(await screen.findByText('Build of web finished: 1 image built')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Build all' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('pushes all with layer bars, shows a refused login, and lists pushed tags with copy buttons', async () => {
    const client = new FakeClient().answer('images.list', { ok: true, value: [web, worker] });
    client.answer('images.push', () => {
      setTimeout(() => {
        client.emit('task.progress', { taskId: 'p1', kind: 'images.push', projectId: 'shop', subject: 'web/3f4e5a', message: 'Pushing', current: 512, total: 2048 });
        client.emit('task.progress', { taskId: 'p1', kind: 'images.push', projectId: 'shop', subject: 'web/77aa01', message: 'Layer already exists' });
        client.emit('task.done', { taskId: 'p1', kind: 'images.push', projectId: 'shop', ok: false, error: { code: 'auth_required', message: 'authentication required for 127.0.0.1:5000 — run docker login 127.0.0.1:5000' } });
      }, 0);
      return { ok: true, value: { taskId: 'p1' } };
    });
    const user = userEvent.setup(); // with a clipboard stub
    renderPanel(client);
    expect(screen.queryByRole('button', { name: 'Push worker' })).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Push all' }));
    expect(await screen.findByText('Push failed')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('authentication required for 127.0.0.1:5000 — run docker login 127.0.0.1:5000');
    const layers = screen.getByRole('list', { name: 'web layers' });
    expect(within(layers).getByRole('progressbar', { name: 'layer 3f4e5a' }).getAttribute('value')).toBe('0.25');
    expect(within(layers).getByRole('progressbar', { name: 'layer 77aa01' }).getAttribute('value')).toBe('1');

    client.answer('images.list', { ok: true, value: [{ ...web, pushed: [{ tag: '127.0.0.1:5000/shop/web:1a2b3c4-dirty', digest: 'sha256:0123456789abcdef0123', at: '2026-01-01T00:00:00Z' }] }, worker] });
    act(() => client.emit('task.done', { taskId: 'elsewhere', kind: 'images.push', projectId: 'shop', ok: true }));
    const copy = await screen.findByRole('button', { name: 'Copy 127.0.0.1:5000/shop/web:1a2b3c4-dirty' });
    await user.click(copy);
    expect(await screen.findByRole('button', { name: 'Copy 127.0.0.1:5000/shop/web:1a2b3c4-dirty' })).toBeTruthy();
    expect(copy.textContent).toBe('Copied');
    expect(await navigator.clipboard.readText()).toBe('127.0.0.1:5000/shop/web:1a2b3c4-dirty');
  });
});

describe('the Images panel pulls', () => {
  const db = { service: 'db', image: '127.0.0.1:5000/shop/db:16', hasBuild: false, pushable: false, pullable: true, localTags: [], pushed: [] };

  it('pulls one service with a bar and the bytes per layer, then says how many images came', async () => {
    const client = new FakeClient().answer('images.list', { ok: true, value: [web, worker, db] });
    let finish: () => void = () => undefined;
    client.answer('images.pull', () => {
      setTimeout(() => {
        client.emit('task.progress', { taskId: 'u1', kind: 'images.pull', projectId: 'shop', subject: 'db', message: 'Pulling 127.0.0.1:5000/shop/db:16' });
        client.emit('task.progress', { taskId: 'u1', kind: 'images.pull', projectId: 'shop', subject: 'db/9a8b7c', message: 'Downloading', current: 1536, total: 4096 });
        client.emit('task.progress', { taskId: 'u1', kind: 'images.pull', projectId: 'shop', subject: 'db/1f2e3d', message: 'Already exists' });
        finish = () => client.emit('task.done', { taskId: 'u1', kind: 'images.pull', projectId: 'shop', ok: true, result: { images: [{ image: db.image, services: ['db'], outcome: 'pulled' }], mustBuild: [] } });
      }, 0);
      return { ok: true, value: { taskId: 'u1' } };
    });
    renderPanel(client);
    // Only services with image: can be pulled.
    expect(screen.queryByRole('button', { name: 'Pull worker' })).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: 'Pull db' }));
    expect(client.callsOf('images.pull')).toEqual([{ projectId: 'shop', services: ['db'] }]);
    const layers = await screen.findByRole('list', { name: 'db layers' });
    expect(within(layers).getByRole('progressbar', { name: 'layer 9a8b7c' }).getAttribute('value')).toBe('0.375');
    expect(within(layers).getByText('1.5 KiB / 4.0 KiB')).toBeTruthy();
    expect(within(layers).getByRole('progressbar', { name: 'layer 1f2e3d' }).getAttribute('value')).toBe('1');
    expect((screen.getByRole('button', { name: 'Pull all' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => finish());
    expect(await screen.findByText('Pull of db finished: 1 image pulled')).toBeTruthy();
  });

  it('shows the layers an up pulls and the steps it builds, leaving the buttons free', async () => {
    const client = new FakeClient().answer('images.list', { ok: true, value: [web, db] });
    renderPanel(client);
    await screen.findByRole('button', { name: 'Pull db' });
    act(() => {
      client.emit('task.progress', { taskId: 'up1', kind: 'stack.up', projectId: 'shop', subject: 'db', message: 'Image 127.0.0.1:5000/shop/db:16 Pulling', stack: { kind: 'Image', name: '127.0.0.1:5000/shop/db:16', status: 'Pulling' } });
      client.emit('task.progress', { taskId: 'up1', kind: 'stack.up', projectId: 'shop', subject: 'db/9a8b7c', message: 'Downloading', current: 2048, total: 4096 });
      client.emit('task.progress', { taskId: 'up1', kind: 'stack.up', projectId: 'shop', subject: 'web', message: 'Step 1/2 : FROM busybox:latest', current: 1, total: 2 });
      client.emit('task.progress', { taskId: 'up2', kind: 'stack.up', projectId: 'another', subject: 'db/ffffff', message: 'Downloading', current: 1, total: 2 });
    });
    const layers = await screen.findByRole('list', { name: 'db layers' });
    expect(within(layers).getByRole('progressbar', { name: 'layer 9a8b7c' }).getAttribute('value')).toBe('0.5');
    expect(within(layers).queryByRole('progressbar', { name: 'layer ffffff' })).toBeNull();
    expect(await screen.findByRole('progressbar', { name: 'web build step 1 of 2' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Pull all' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a refused pull with the docker login line', async () => {
    const client = new FakeClient().answer('images.list', { ok: true, value: [db] });
    client.answer('images.pull', () => {
      setTimeout(() => client.emit('task.done', { taskId: 'u2', kind: 'images.pull', projectId: 'shop', ok: false, error: { code: 'pull_denied', message: 'service db: 127.0.0.1:5000 refused the pull of 127.0.0.1:5000/shop/db:16 — run docker login 127.0.0.1:5000' } }), 0);
      return { ok: true, value: { taskId: 'u2' } };
    });
    renderPanel(client);
    await userEvent.click(await screen.findByRole('button', { name: 'Pull all' }));
    expect(await screen.findByText('Pull failed')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('run docker login 127.0.0.1:5000');
  });
});

describe('the Images panel and tasks started elsewhere', () => {
  it('labels each image by where it came from: built, pulled, present, or what is missing', async () => {
    const pulled = { service: 'cache', image: 'registry.example/redis:7', hasBuild: false, pushable: false, imageId: 'sha256:ccc', origin: 'pulled', localTags: [], pushed: [] };
    const present = { service: 'db', image: 'busybox:latest', hasBuild: false, pushable: false, imageId: 'sha256:ddd', origin: 'present', localTags: [], pushed: [] };
    const missing = { service: 'queue', image: 'registry.example/queue:1', hasBuild: false, pushable: false, localTags: [], pushed: [] };
    const client = new FakeClient().answer('images.list', { ok: true, value: [{ ...web, origin: 'built' }, worker, pulled, present, missing] });
    renderPanel(client);
    const badge = async (service: string) => (await screen.findByText((_, element) => element?.getAttribute('data-service') === service)).querySelector('.badge')?.textContent;
    expect(await badge('web')).toBe('built');
    expect(await badge('worker')).toBe('not built');
    expect(await badge('cache')).toBe('pulled');
    expect(await badge('db')).toBe('present');
    expect(await badge('queue')).toBe('not pulled');
  });

  it('follows a build the tray started, and shows how it ended', async () => {
    const client = new FakeClient().answer('images.list', { ok: true, value: [web] });
    renderPanel(client);
    await screen.findByRole('button', { name: 'Build web' });
    act(() => {
      client.emit('task.progress', { taskId: 'tray1', kind: 'images.build', projectId: 'shop', subject: 'web', message: 'Step 1/2 : FROM busybox:latest', current: 1, total: 2 });
      client.emit('task.progress', { taskId: 'other', kind: 'images.build', projectId: 'another', subject: 'web', message: 'Step 2/2 : RUN x', current: 2, total: 2 });
    });
    expect(await screen.findByRole('progressbar', { name: 'web build step 1 of 2' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Build web' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => client.emit('task.done', { taskId: 'tray1', kind: 'images.build', projectId: 'shop', ok: false, error: { code: 'build_failed', message: 'service web: build failed at step 2/2 (RUN x): boom', hint: 'Fix the Dockerfile and build again.' } }));
    expect(await screen.findByText('Build failed')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('build failed at step 2/2');
    expect((screen.getByRole('button', { name: 'Build web' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('images progress', () => {
  it('marks a cached step without losing its instruction, and keeps layers in order', () => {
    let state = applyProgress({}, 'build', { taskId: 't', kind: 'images.build', projectId: 'shop', subject: 'web', message: 'Step 2/4 : COPY . /app', current: 2, total: 4 });
    state = applyProgress(state, 'build', { taskId: 't', kind: 'images.build', projectId: 'shop', subject: 'web', message: 'Step 2/4 : cached', current: 2, total: 4 });
    expect(state.web?.step).toEqual({ current: 2, total: 4, label: 'COPY . /app', cached: true });
    let push = applyProgress({}, 'push', { taskId: 't', kind: 'images.push', projectId: 'shop', subject: 'web/a', message: 'Preparing' });
    push = applyProgress(push, 'push', { taskId: 't', kind: 'images.push', projectId: 'shop', subject: 'web/b', message: 'Preparing' });
    push = applyProgress(push, 'push', { taskId: 't', kind: 'images.push', projectId: 'shop', subject: 'web/a', message: 'Pushed' });
    expect(push.web?.layers.map((l) => `${l.id}:${l.status}`)).toEqual(['a:Pushed', 'b:Preparing']);
  });
});
