import { z } from 'zod';
import { defineCall } from './define';
import { Nothing } from './common';

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
});
export type ExecStartInput = z.infer<typeof ExecStartInput>;

export const SessionRef = z.object({ sessionId: z.string().min(1) });

export const execCalls = {
  'exec.start': defineCall({ input: ExecStartInput, output: SessionRef }),
  /** Bytes for the command's stdin (UTF-8 text). */
  'exec.input': defineCall({ input: SessionRef.extend({ data: z.string().max(1_000_000) }), output: Nothing }),
  'exec.resize': defineCall({ input: SessionRef.extend({ cols: z.number().int().min(1).max(10_000), rows: z.number().int().min(1).max(10_000) }), output: Nothing }),
  /** Ends the session (closes the connection; a TTY command gets SIGHUP). */
  'exec.kill': defineCall({ input: SessionRef, output: Nothing }),
};

export const execEvents = {
  'exec.output': SessionRef.extend({ data: z.string(), stream: z.enum(['stdout', 'stderr']).optional() }),
  'exec.exit': SessionRef.extend({ exitCode: z.number() }),
};
