import { z } from 'zod';

/**
 * Sent by the desktop shell (tray items, notification clicks, the app menu) to the window:
 * show this view. Only the Electron main emits it; the renderer navigates on it.
 */
export const NavigateTarget = z.object({
  view: z.enum(['dashboard', 'project', 'logs', 'terminal', 'build', 'engine', 'open-project', 'settings']),
  projectId: z.string().optional(),
  service: z.string().optional(),
  taskId: z.string().optional(),
});
export type NavigateTarget = z.infer<typeof NavigateTarget>;

export const desktopCalls = {};

export const desktopEvents = {
  'desktop.navigate': NavigateTarget,
};
