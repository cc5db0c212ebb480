import { z } from 'zod';

/**
 * Live state of a project's services as the engine reports it: derived from Docker
 * events plus one listing (on start and after every reconnect), never from polling.
 */

/** What a service is doing, in one word. */
export const ServiceStateWord = z.enum(['running', 'healthy', 'starting', 'unhealthy', 'exited', 'completed', 'created', 'stopped']);
export type ServiceStateWord = z.infer<typeof ServiceStateWord>;

export const EngineStatusWord = z.enum(['up', 'down', 'connecting']);
export type EngineStatusWord = z.infer<typeof EngineStatusWord>;

export const ContainerPort = z.object({
  /** Port inside the container. */
  target: z.number(),
  published: z.number().optional(),
  hostIp: z.string().optional(),
  protocol: z.string(),
});
export type ContainerPort = z.infer<typeof ContainerPort>;

export const ContainerState = z.object({
  id: z.string(),
  name: z.string(),
  /** com.docker.compose.container-number */
  number: z.number(),
  /** Docker's state: created, running, paused, restarting, removing, exited, dead. */
  state: z.string(),
  /** starting, healthy, unhealthy, or absent without a healthcheck. */
  health: z.string().optional(),
  exitCode: z.number().optional(),
  /** ISO time, absent when never started. */
  startedAt: z.string().optional(),
  ports: z.array(ContainerPort),
  image: z.string(),
  /** This container's own word (the state room sets it; a scaled service shows one per replica). */
  word: ServiceStateWord.optional(),
});
export type ContainerState = z.infer<typeof ContainerState>;

export const ServiceState = z.object({
  service: z.string(),
  state: ServiceStateWord,
  /** The exit code when the service is exited/completed/stopped. */
  exitCode: z.number().optional(),
  containers: z.array(ContainerState),
});
export type ServiceState = z.infer<typeof ServiceState>;

export const ProjectState = z.object({
  projectId: z.string(),
  engine: EngineStatusWord,
  /** Sorted by service name. */
  services: z.array(ServiceState),
});
export type ProjectState = z.infer<typeof ProjectState>;
