import { z } from 'zod';
import { defineCall } from './define';
import { ErrorInfoSchema, Nothing } from './common';

export const ExecStartInput = z.object({
  projectId: z.string().min(1),
  service: z.string().min(1),
  command: z.array(z.string()).min(1).max(1000),
  tty: z.boolean().default(false),
  cols: z.number().int().min(1).max(10_000).optional(),
  rows: z.number().int().min(1).max(10_000).optional(),
  user: z.string().max(200).optional(),
  workdir: z.string().max(4096).optional(),
  env: z.record(z.string(), z.string()).optional(),
  /** Which container of a scaled service (default 1). */
  index: z.number().int().min(1).optional(),
  privileged: z.boolean().optional(),
  /** Start it and answer at once (`exec -d`): no input, no output; exec.exit follows with 0. */
  detach: z.boolean().optional(),
  /**
   * How `data` of exec.input and exec.output is written: `utf8` text (default, a terminal) or
   * `base64` bytes exactly as they are (piped data: a dump, an archive).
   */
  encoding: z.enum(['utf8', 'base64']).optional(),
});
export type ExecStartInput = z.infer<typeof ExecStartInput>;

export const SessionRef = z.object({ sessionId: z.string().min(1) });

export const execCalls = {
  'exec.start': defineCall({ input: ExecStartInput, output: SessionRef }),
  /** Bytes for the command's stdin (in the session's encoding); `end` closes it after them (the command sees end of file). */
  'exec.input': defineCall({ input: SessionRef.extend({ data: z.string().max(1_000_000), end: z.boolean().optional() }), output: Nothing }),
  'exec.resize': defineCall({ input: SessionRef.extend({ cols: z.number().int().min(1).max(10_000), rows: z.number().int().min(1).max(10_000) }), output: Nothing }),
  /** Ends the session (closes the connection; a TTY command gets SIGHUP). */
  'exec.kill': defineCall({ input: SessionRef, output: Nothing }),
};

export const execEvents = {
  /** Output in the session's encoding; `stream` is set without a TTY (stdout and stderr apart). */
  'exec.output': SessionRef.extend({ data: z.string(), stream: z.enum(['stdout', 'stderr']).optional() }),
  /**
   * The command ended. `error` when the session ended without the command's exit code (the
   * engine went away): why, in one line; `exitCode` is then 1.
   */
  'exec.exit': SessionRef.extend({ exitCode: z.number(), error: ErrorInfoSchema.optional() }),
};
