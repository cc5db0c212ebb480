import { describe, expect, it } from 'vitest';
import { attachedServices, checkAttachFlags } from '../../../../electron/cli/up-attach';

const project = {
  services: ['app', 'db', 'cache', 'quiet'],
  dependencies: { app: ['db'], db: ['cache'], cache: [], quiet: [] },
  model: { services: { app: {}, db: {}, cache: {}, quiet: { attach: false } } },
};
const flags = (extra: Partial<Parameters<typeof attachedServices>[1]> = {}) => ({ services: [], attach: [], noAttach: [], attachDependencies: false, ...extra });

describe('which services an attached up shows', () => {
  it('all services by default, less those with attach: false', () => {
    expect(attachedServices(project, flags())).toEqual(['app', 'cache', 'db']);
  });

  it('the named services only, not their dependencies (Compose’s default)', () => {
    expect(attachedServices(project, flags({ services: ['app'] }))).toEqual(['app']);
  });

  it('--attach-dependencies adds every dependency, transitively', () => {
    expect(attachedServices(project, flags({ services: ['app'], attachDependencies: true }))).toEqual(['app', 'cache', 'db']);
  });

  it('--attach is taken as given; --no-attach takes services out', () => {
    expect(attachedServices(project, flags({ services: ['app'], attach: ['db'] }))).toEqual(['db']);
    expect(attachedServices(project, flags({ noAttach: ['db'] }))).toEqual(['app', 'cache']);
  });

  it('refuses --attach of a service the project does not have, and --attach with --attach-dependencies', () => {
    expect(() => attachedServices(project, flags({ attach: ['nope'] }))).toThrow('cannot attach to services not included in up: nope');
    expect(() => checkAttachFlags(flags({ attach: ['app'], attachDependencies: true }), { detach: false, wait: false })).toThrow('cannot combine --attach and --attach-dependencies');
    expect(() => checkAttachFlags(flags({ attach: ['app'] }), { detach: true, wait: false })).toThrow('--detach cannot be combined');
  });
});
