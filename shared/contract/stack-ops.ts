import { z } from 'zod';
import { defineCall, defineTask } from './define';
import { ProjectRef, ServiceNames } from './common';

export const StackRmInput = ProjectRef.extend({
  services: ServiceNames.optional(),
  /** Stop running containers first (`-s`); without it only stopped ones are removed. */
  stop: z.boolean().optional(),
  /** Also remove their anonymous volumes (`-v`). */
  volumes: z.boolean().optional(),
});

export const StackKillInput = ProjectRef.extend({
  services: ServiceNames.optional(),
  /** One container of the project by name or id (a one-off included) instead of services. */
  container: z.string().min(1).optional(),
  /** SIGKILL by default, as Compose. */
  signal: z.string().min(1).max(20).optional(),
});

export const StackServicesRef = ProjectRef.extend({ services: ServiceNames.optional() });

/** A project on the engine, as `docker compose ls` shows it. */
export const EngineProject = z.object({
  name: z.string(),
  /** `running(2)`, `exited(1), running(1)`. */
  status: z.string(),
  /** The compose files, comma-separated, from the containers' label. */
  configFiles: z.string(),
});
export type EngineProject = z.infer<typeof EngineProject>;

export const ContainerImage = z.object({
  container: z.string(),
  service: z.string(),
  repository: z.string(),
  tag: z.string(),
  /** The image id (sha256:…). */
  id: z.string(),
  size: z.number(),
});
export type ContainerImage = z.infer<typeof ContainerImage>;

export const ContainerTop = z.object({
  container: z.string(),
  service: z.string(),
  titles: z.array(z.string()),
  processes: z.array(z.array(z.string())),
});
export type ContainerTop = z.infer<typeof ContainerTop>;

export const stackOpsCalls = {
  /** Removes stopped service containers (`rm`); answers with the removed names. */
  'stack.rm': defineTask({ input: StackRmInput, result: z.object({ removed: z.array(z.string()) }) }),
  'stack.kill': defineTask({ input: StackKillInput, result: z.null() }),
  'stack.pause': defineTask({ input: StackServicesRef, result: z.null() }),
  'stack.unpause': defineTask({ input: StackServicesRef, result: z.null() }),
  /** Compose projects on the engine, found by their containers' labels (`ls`); `all` counts stopped ones. */
  'stack.ls': defineCall({ input: z.object({ all: z.boolean().optional() }), output: z.array(EngineProject) }),
  'stack.images': defineCall({ input: StackServicesRef, output: z.array(ContainerImage) }),
  'stack.top': defineCall({ input: StackServicesRef, output: z.array(ContainerTop) }),
  /** The host address a service's container port is published on (`port`); null when it is not. */
  'stack.port': defineCall({
    input: ProjectRef.extend({ service: z.string().min(1), port: z.number().int().min(1).max(65_535), protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'), index: z.number().int().min(1).optional() }),
    output: z.object({ hostIp: z.string(), port: z.number() }).nullable(),
  }),
};
