import { z } from 'zod';

/** Identifies an open project: its absolute directory (plus the files and name options that shaped it). */
export const ProjectRef = z.object({
  projectId: z.string().min(1),
});
export type ProjectRef = z.infer<typeof ProjectRef>;

export const TaskStarted = z.object({ taskId: z.string() });
export type TaskStarted = z.infer<typeof TaskStarted>;

export const Empty = z.object({}).strict();
export const Nothing = z.null();

export const ServiceNames = z.array(z.string().min(1)).max(500);

/** An error as it crosses the contract in an event: code, one-line message, what to do next. */
export const ErrorInfoSchema = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });
