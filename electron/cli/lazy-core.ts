import type { SlipwayTransport } from '../../shared/client';
import type { SlipwayCore, CoreOptions } from '../core';

type Listener = (payload: unknown) => void;

let loadedInThisProcess = false;

/** Whether a command of this process has loaded the core (so a code cache made now holds it). */
export function coreWasLoaded(): boolean {
  return loadedInThisProcess;
}

/**
 * The in-process core, loaded on the first call: commands that never reach it (`version`,
 * `--help`, `completion`) do not load the core's code (dockerode, the Compose loader, the
 * contract's schemas). Subscriptions made before it is loaded are attached before any call runs.
 */
export class LazyCore {
  private instance: SlipwayCore | undefined;
  private loading: Promise<SlipwayCore> | undefined;
  private readonly pending = new Set<{ event: string; listener: Listener; detach?: () => void }>();

  constructor(private readonly options: CoreOptions) {}

  load(): Promise<SlipwayCore> {
    this.loading ??= import('../core').then(({ SlipwayCore: Core }) => {
      loadedInThisProcess = true;
      const core = new Core(this.options);
      this.instance = core;
      for (const subscription of this.pending) subscription.detach = core.transport().on(subscription.event, subscription.listener);
      this.pending.clear();
      return core;
    });
    return this.loading;
  }

  /** The core's transport, loading the core on the first call. */
  transport(): SlipwayTransport {
    return {
      invoke: async (name, input) => (await this.load()).transport().invoke(name, input),
      on: (event, listener) => {
        if (this.instance) return this.instance.transport().on(event, listener);
        const subscription: { event: string; listener: Listener; detach?: () => void } = { event, listener };
        this.pending.add(subscription);
        return () => {
          this.pending.delete(subscription);
          subscription.detach?.();
        };
      },
    };
  }

  async dispose(): Promise<void> {
    if (this.loading) await (await this.loading).dispose();
  }
}
