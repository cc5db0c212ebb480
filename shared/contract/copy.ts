import { z } from 'zod';
import { defineCall, defineTask } from './define';
import { ProjectRef } from './common';
import { SessionRef } from './exec';

/** Which container(s) of a service `cp` copies from or into, as Compose picks them. */
export const CopyTarget = ProjectRef.extend({
  service: z.string().min(1),
  /** The path in the container. */
  containerPath: z.string().min(1).max(4096),
  /** `--index N`: that container of the service; otherwise the first (from) or every one (into). */
  index: z.number().int().min(1).optional(),
  /** `--all`: one-off (`run`) containers of the service too. */
  all: z.boolean().optional(),
  /** `-L`: follow a symlink at the source. */
  followLink: z.boolean().optional(),
  /** `-a`: keep the files' uid/gid in the container. */
  archive: z.boolean().optional(),
});
export type CopyTarget = z.infer<typeof CopyTarget>;

export const copyCalls = {
  /**
   * `cp SERVICE:SRC HOSTPATH` (`direction: 'from'`) or `cp HOSTPATH SERVICE:DEST` (`'to'`), files
   * and folders, through the engine's archive API; `hostPath` is absolute, on the core's machine.
   * Progress: ` Container NAME  Copying` / `Copied`; the result names the containers.
   */
  'stack.cp': defineTask({
    input: CopyTarget.extend({ direction: z.enum(['from', 'to']), hostPath: z.string().min(1).max(4096) }),
    result: z.object({ containers: z.array(z.string()) }),
  }),
  /**
   * `cp SERVICE:SRC -` / `cp - SERVICE:DEST`: the tar itself as a session (exec.output /
   * exec.input in base64, exec.exit 0 when done, 1 with the reason on stderr).
   */
  'stack.cpStream': defineCall({
    input: CopyTarget.extend({ direction: z.enum(['from', 'to']) }),
    output: SessionRef,
  }),
};
