import { z } from 'zod';
import { ProjectRef } from './common';
import { defineCall } from './define';

/** Where "Open in…" opens a service: VS Code, or the user's terminal with a shell in it. */
export const OpenTarget = z.enum(['editor', 'terminal']);
export type OpenTarget = z.infer<typeof OpenTarget>;

export const OpenInResult = z.object({
  /** The program started, e.g. "VS Code", "gnome-terminal". */
  program: z.string(),
  /** What it opened, in words. */
  opened: z.string(),
});
export type OpenInResult = z.infer<typeof OpenInResult>;

export const openInCalls = {
  'services.openIn': defineCall({
    input: ProjectRef.extend({ service: z.string().min(1).max(200), target: OpenTarget }),
    output: OpenInResult,
  }),
};
