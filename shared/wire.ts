import { z } from 'zod';

/** Messages on the browser WebSocket bridge (/api). */
export const ClientMessage = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string().max(200),
  /** Absent when the caller's input was undefined (JSON has no undefined): the call's schema decides. */
  input: z.unknown().optional(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { type: 'result'; id: number; envelope: unknown }
  | { type: 'event'; name: string; payload: unknown };
