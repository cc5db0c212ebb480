import { z } from 'zod';
import { defineCall, defineTask } from './define';
import { ProjectRef } from './common';
import { SessionRef } from './exec';

/** `run SERVICE [CMD…]`: a one-off container of a service, as Compose makes it. */
export const StackRunInput = ProjectRef.extend({
  service: z.string().min(1),
  /** Replaces the service's command. */
  command: z.array(z.string()).max(1000).optional(),
  /** Replaces the service's entrypoint (`--entrypoint`), split as a shell would; empty clears it. */
  entrypoint: z.string().max(4096).optional(),
  env: z.record(z.string(), z.string()).optional(),
  user: z.string().max(200).optional(),
  workdir: z.string().max(4096).optional(),
  /** The container's name instead of `<project>-<service>-run-<12 hex>` (`--name`). */
  name: z.string().min(1).max(255).optional(),
  /** Publish the service's ports (`--service-ports`); without it none are published. */
  servicePorts: z.boolean().optional(),
  /** Do not start the services it depends on (`--no-deps`). */
  noDeps: z.boolean().optional(),
  /** Allocate a TTY (default: no). */
  tty: z.boolean().optional(),
  /** Keep stdin open (default: yes, as `run -i`). */
  interactive: z.boolean().optional(),
  /** Start it in the background and answer with its name (`-d`). */
  detach: z.boolean().optional(),
  /** Remove it when it exits (`--rm`), with its anonymous volumes. */
  rm: z.boolean().optional(),
  /** Seconds to wait for its dependencies. */
  timeoutSeconds: z.number().positive().max(86_400).optional(),
});
export type StackRunInput = z.infer<typeof StackRunInput>;

export const OneOffContainer = z.object({ id: z.string(), name: z.string() });
export type OneOffContainer = z.infer<typeof OneOffContainer>;

export const StackRunStartInput = ProjectRef.extend({
  /** The one-off container stack.run created (its id or name). */
  container: z.string().min(1),
  tty: z.boolean().default(false),
  cols: z.number().int().min(1).max(10_000).optional(),
  rows: z.number().int().min(1).max(10_000).optional(),
  encoding: z.enum(['utf8', 'base64']).optional(),
});
export type StackRunStartInput = z.infer<typeof StackRunStartInput>;

export const oneOffCalls = {
  /**
   * Starts the service's dependencies (as up does, waiting for them to be ready), then creates
   * the one-off container; with `detach` it is started too. Progress as the other stack tasks.
   */
  'stack.run': defineTask({ input: StackRunInput, result: OneOffContainer }),
  /**
   * Attaches to a one-off container stack.run created and starts it: a session like
   * exec.start's (exec.input, exec.resize, exec.kill; exec.output, exec.exit with its exit code).
   */
  'stack.runStart': defineCall({ input: StackRunStartInput, output: SessionRef }),
};
