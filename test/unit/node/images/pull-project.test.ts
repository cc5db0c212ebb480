import { describe, expect, it } from 'vitest';
import { pullProject, type ImagePuller } from '../../../../electron/core/images/pull-project';
import { SlipwayError } from '../../../../shared/errors';
import type { Project, ServiceConfig } from '../../../../shared/model/project';

function project(services: Record<string, ServiceConfig>): Project {
  return { name: 'p', workingDir: '/nonexistent', configFiles: [], profiles: [], model: { name: 'p', services }, disabledServices: {}, warnings: [] };
}

/** A puller whose pulls of `failing` images fail, and that waits for an abort on `hanging` ones. */
function puller(options: { failing?: string[]; hanging?: string[]; present?: string[] } = {}): ImagePuller & { pulled: string[]; interrupted: string[] } {
  const pulled: string[] = [];
  const interrupted: string[] = [];
  return {
    pulled,
    interrupted,
    limit: Infinity,
    now: () => new Date('2026-01-01T00:00:00Z'),
    local: async (image) => (options.present?.includes(image) ? {} : undefined),
    pull: async ({ service, image, signal }) => {
      if (options.hanging?.includes(image)) {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        interrupted.push(image);
        throw new SlipwayError('cancelled', `service ${service}: pull of ${image} cancelled`);
      }
      if (options.failing?.includes(image)) throw new SlipwayError('image_not_found', `service ${service}: image ${image} does not exist in reg`);
      pulled.push(image);
    },
  };
}

const task = () => {
  const lines: string[] = [];
  return { lines, progress: (p: { message: string }) => void lines.push(p.message), signal: new AbortController().signal };
};

describe('slipway pull, as docker/compose pull', () => {
  it('fails fast on an image nothing can build, and interrupts the pulls still running', async () => {
    const fake = puller({ failing: ['reg/a:1'], hanging: ['reg/slow:1'] });
    const run = task();
    await expect(pullProject(project({ slow: { image: 'reg/slow:1' }, a: { image: 'reg/a:1' } }), {}, fake, run)).rejects.toThrow('service a: image reg/a:1 does not exist in reg');
    expect(fake.interrupted).toEqual(['reg/slow:1']);
  });

  it('ends as cancelled when the task is cancelled between pulls, without starting the next', async () => {
    const cancel = new AbortController();
    const fake = puller();
    const pull = fake.pull;
    fake.pull = async (request) => {
      await pull(request);
      cancel.abort(new SlipwayError('cancelled', 'images.pull cancelled'));
    };
    const run = { progress: () => undefined, signal: cancel.signal };
    await expect(pullProject(project({ a: { image: 'reg/a:1' }, b: { image: 'reg/b:1' } }), {}, { ...fake, limit: 1 }, run)).rejects.toThrow('images.pull cancelled');
    expect(fake.pulled).toEqual(['reg/a:1']);
  });

  it('goes on past an image a service can build, names it to build, and fails at the end unless told to ignore failures', async () => {
    const services = { web: { image: 'reg/web:1', build: { context: '/x' } }, db: { image: 'reg/db:1' } };
    const fake = puller({ failing: ['reg/web:1'] });
    const run = task();
    await expect(pullProject(project(services), {}, fake, run)).rejects.toThrow('service web: image reg/web:1 does not exist in reg');
    expect(fake.pulled).toEqual(['reg/db:1']);
    expect(run.lines).toContain('Some service image(s) must be built from source by running: slipway build web');
    const ignored = await pullProject(project(services), { ignorePullFailures: true }, puller({ failing: ['reg/web:1'] }), task());
    expect(ignored.mustBuild).toEqual(['web']);
    expect(ignored.images.map((i) => `${i.image}:${i.outcome}`)).toEqual(['reg/web:1:failed', 'reg/db:1:pulled']);
  });

  it('pulls an image several services share once, skips what it should, and --policy missing keeps a present image', async () => {
    const services = { a: { image: 'reg/x:1' }, b: { image: 'reg/x:1' }, c: { build: { context: '/x' } }, d: { image: 'reg/d:1', build: { context: '/x' } }, e: { image: 'reg/e:1', pull_policy: 'never' } };
    const fake = puller({ present: ['reg/x:1'] });
    const result = await pullProject(project(services), { ignoreBuildable: true }, fake, task());
    expect(fake.pulled).toEqual(['reg/x:1']);
    expect(result.images).toEqual([
      { image: 'reg/x:1', services: ['a', 'b'], outcome: 'pulled' },
      { services: ['c'], outcome: 'skipped', reason: 'No image to be pulled' },
      { image: 'reg/d:1', services: ['d'], outcome: 'skipped', reason: 'Image can be built' },
      { image: 'reg/e:1', services: ['e'], outcome: 'skipped', reason: 'pull_policy is never' },
    ]);
    const withDeps = puller();
    await pullProject(project({ web: { image: 'reg/web:1', depends_on: { db: { condition: 'service_started', required: true } } }, db: { image: 'reg/db:1' }, other: { image: 'reg/o:1' } }), { services: ['web'], includeDeps: true }, withDeps, task());
    expect(withDeps.pulled.sort()).toEqual(['reg/db:1', 'reg/web:1']);
    const missing = await pullProject(project(services), { services: ['a'], policy: 'missing' }, puller({ present: ['reg/x:1'] }), task());
    expect(missing.images).toEqual([{ image: 'reg/x:1', services: ['a'], outcome: 'skipped', reason: 'Image is already present locally' }]);
  });
});
