import { z } from 'zod';
import { defineCall, defineTask } from './define';
import { ProjectRef, ServiceNames } from './common';
import { ContainerPort } from '../model/state';

export const StackUpInput = ProjectRef.extend({
  services: ServiceNames.optional(),
  /** Wait until every started service is running/healthy/completed (`--wait`). */
  wait: z.boolean().optional(),
  /** Seconds to wait for readiness before failing. */
  timeoutSeconds: z.number().positive().max(86_400).optional(),
  removeOrphans: z.boolean().optional(),
  /** Recreate containers even when their configuration is unchanged. */
  forceRecreate: z.boolean().optional(),
  /** Keep existing containers even when their configuration changed. */
  noRecreate: z.boolean().optional(),
  /** Recreate with fresh anonymous volumes instead of the previous containers' (`-V`). */
  renewAnonVolumes: z.boolean().optional(),
  /** Only the named services, not what they depend on (`--no-deps`). */
  noDeps: z.boolean().optional(),
  /**
   * Build every selected service that has a `build:` section first (`--build`). Without it,
   * up still builds what is missing, as Compose; build and pull progress come as
   * images.build's and images.pull's do (subjects SERVICE and SERVICE/LAYER).
   */
  build: z.boolean().optional(),
  /** Build nothing (`--no-build`): a missing image to build is an error naming the service. */
  noBuild: z.boolean().optional(),
  /** `--quiet-pull`: no per-layer progress events for the pulls. */
  quietPull: z.boolean().optional(),
  /** `--pull`: this pull_policy for every selected service instead of the file's. */
  pull: z.enum(['always', 'missing', 'never', 'build']).optional(),
  /** Create the containers (and networks, volumes) without starting them (`--no-start`). */
  noStart: z.boolean().optional(),
  /** Replicas per service, over the file's `scale`/`deploy.replicas` (`--scale SERVICE=N`). */
  scale: z.record(z.string(), z.number().int().min(0).max(1000)).optional(),
});
export type StackUpInput = z.infer<typeof StackUpInput>;

export const StackDownInput = ProjectRef.extend({
  /** Also remove named volumes (`-v`). */
  volumes: z.boolean().optional(),
  /** Stop timeout in seconds (`-t`), instead of each service's stop_grace_period. */
  timeoutSeconds: z.number().int().min(0).max(3600).optional(),
  removeOrphans: z.boolean().optional(),
  /** `--rmi`: `local` removes images built under Compose's default name `<project>-<service>`, `all` also every service's `image:`. */
  removeImages: z.enum(['local', 'all']).optional(),
});
export type StackDownInput = z.infer<typeof StackDownInput>;

export const StackServicesInput = ProjectRef.extend({
  services: ServiceNames.optional(),
  timeoutSeconds: z.number().int().min(0).max(3600).optional(),
  /** With exactly one service: only its replica with this container number (the dashboard's per-replica buttons). */
  index: z.number().int().min(1).optional(),
});
export type StackServicesInput = z.infer<typeof StackServicesInput>;

/**
 * One step of stack work, as Compose prints it: ` Container proj-db-1  Healthy`. Stack
 * tasks (up, down, start, stop, restart) send it in their task.progress events.
 */
export const StackStep = z.object({
  kind: z.enum(['Network', 'Volume', 'Container', 'Image', 'Warning']),
  name: z.string(),
  status: z.string(),
  service: z.string().optional(),
});
export type StackStep = z.infer<typeof StackStep>;

export const ServiceContainer = z.object({
  service: z.string(),
  container: z.string(),
  id: z.string(),
  /** Docker's state: created, running, exited, paused, restarting, dead. */
  state: z.string(),
  /** healthy, unhealthy, starting, or absent without a healthcheck. */
  health: z.string().optional(),
  exitCode: z.number().int().optional(),
  image: z.string(),
  ports: z.array(ContainerPort),
  /** True when the service is no longer in the project file. */
  orphan: z.boolean(),
  /** The Compose project the container belongs to. */
  project: z.string().optional(),
  /** Docker's status line, e.g. `Up 5 seconds (healthy)`, `Exited (1) 2 minutes ago`. */
  status: z.string().optional(),
  /** The command as `docker ps` shows it. */
  command: z.string().optional(),
  /** Creation time, in seconds since the epoch. */
  created: z.number().int().optional(),
});
export type ServiceContainer = z.infer<typeof ServiceContainer>;

export const StackPsInput = ProjectRef.extend({
  /** Only these services; a name the project does not define is an error. */
  services: ServiceNames.optional(),
  /** Stopped containers too (`-a`); default true for callers of the contract, false in the CLI as in Compose. */
  all: z.boolean().optional(),
});
export type StackPsInput = z.infer<typeof StackPsInput>;

export const stackCalls = {
  /** Its result is the stack room's own report (not described by the contract yet). */
  'stack.up': defineTask({ input: StackUpInput, result: z.unknown() }),
  'stack.down': defineTask({ input: StackDownInput, result: z.unknown() }),
  /** Start, stop and restart report each container's steps (task.progress with `stack`). */
  'stack.start': defineTask({ input: StackServicesInput, result: z.null() }),
  'stack.stop': defineTask({ input: StackServicesInput, result: z.null() }),
  'stack.restart': defineTask({ input: StackServicesInput, result: z.null() }),
  'stack.ps': defineCall({ input: StackPsInput, output: z.array(ServiceContainer) }),
};

/** The stack room's changes show in the state room's `state.changed`: it has no events of its own. */
export const stackEvents = {};
