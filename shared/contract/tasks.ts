import { z } from 'zod';
import { defineCall } from './define';
import { Nothing } from './common';
import { StackStep } from './stack';
import { BuildProgress } from './images';

/** Long work (up, build, push, …) runs as a task: an id, progress events, a cancel call. */
export const TaskProgress = z.object({
  taskId: z.string(),
  kind: z.string(),
  projectId: z.string().optional(),
  /** What the progress is about: a service, an image layer, a build step. */
  subject: z.string().optional(),
  message: z.string(),
  current: z.number().optional(),
  total: z.number().optional(),
  /** A stack task's step, structured (the message says the same in words). */
  stack: StackStep.optional(),
  /** A build task's progress, structured. */
  build: BuildProgress.optional(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

export const TaskDone = z.object({
  taskId: z.string(),
  kind: z.string(),
  projectId: z.string().optional(),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  result: z.unknown().optional(),
});
export type TaskDone = z.infer<typeof TaskDone>;

export const taskCalls = {
  'tasks.cancel': defineCall({ input: z.object({ taskId: z.string() }), output: Nothing }),
};

export const taskEvents = {
  'task.progress': TaskProgress,
  'task.done': TaskDone,
};
