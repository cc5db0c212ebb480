import { z } from 'zod';
import { defineCall, defineTask } from './define';
import { ProjectRef, ServiceNames } from './common';

/** What a service's container is doing, as the stack room reports it. */
export const ServiceStateName = z.enum(['created', 'starting', 'healthy', 'unhealthy', 'running', 'exited', 'removed']);
export type ServiceStateName = z.infer<typeof ServiceStateName>;

export const ServiceStateEvent = z.object({
  projectId: z.string(),
  service: z.string(),
  /** Container name, e.g. `proj-db-1`. */
  container: z.string().optional(),
  state: ServiceStateName,
  exitCode: z.number().int().optional(),
});
export type ServiceStateEvent = z.infer<typeof ServiceStateEvent>;

export const StackUpInput = ProjectRef.extend({
  services: ServiceNames.optional(),
  /** Wait until every started service is running/healthy/completed (`--wait`). */
  wait: z.boolean().optional(),
  /** Seconds to wait for readiness before failing. */
  timeoutSeconds: z.number().positive().max(86_400).optional(),
  removeOrphans: z.boolean().optional(),
  /** Recreate containers even when their configuration is unchanged. */
  forceRecreate: z.boolean().optional(),
});
export type StackUpInput = z.infer<typeof StackUpInput>;

export const StackDownInput = ProjectRef.extend({
  /** Also remove named volumes (`-v`). */
  volumes: z.boolean().optional(),
  /** Stop timeout in seconds (`-t`), instead of each service's stop_grace_period. */
  timeoutSeconds: z.number().int().min(0).max(3600).optional(),
  removeOrphans: z.boolean().optional(),
});
export type StackDownInput = z.infer<typeof StackDownInput>;

export const StackServicesInput = ProjectRef.extend({
  services: ServiceNames.optional(),
  timeoutSeconds: z.number().int().min(0).max(3600).optional(),
});
export type StackServicesInput = z.infer<typeof StackServicesInput>;

export const ContainerPort = z.object({
  hostIp: z.string().optional(),
  hostPort: z.number().int().optional(),
  containerPort: z.number().int(),
  protocol: z.string(),
});

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
});
export type ServiceContainer = z.infer<typeof ServiceContainer>;

export const stackCalls = {
  /** Its result is the stack room's own report (not described by the contract yet). */
  'stack.up': defineTask({ input: StackUpInput, result: z.unknown() }),
  'stack.down': defineTask({ input: StackDownInput, result: z.unknown() }),
  'stack.start': defineCall({ input: StackServicesInput, output: z.null() }),
  'stack.stop': defineCall({ input: StackServicesInput, output: z.null() }),
  'stack.restart': defineCall({ input: StackServicesInput, output: z.null() }),
  'stack.ps': defineCall({ input: ProjectRef, output: z.array(ServiceContainer) }),
};

export const stackEvents = {
  'stack.serviceState': ServiceStateEvent,
};
