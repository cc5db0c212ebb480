import { z } from 'zod';

// A field of the wrong type reads as absent, as the parsers always treated it.
const text = z.string().optional().catch(undefined);
const count = z.number().optional().catch(undefined);

/**
 * One JSON object of the engine's progress streams (build, push): the fields the parsers
 * read, validated; anything else the engine adds is ignored.
 */
const EngineMessage = z.object({
  stream: text,
  status: text,
  id: text,
  error: text,
  errorDetail: z.object({ message: text }).optional().catch(undefined),
  progressDetail: z.object({ current: count, total: count }).optional().catch(undefined),
  aux: z.object({ ID: text, Tag: text, Digest: text, Size: count }).optional().catch(undefined),
});
type EngineMessage = z.infer<typeof EngineMessage>;

/** The message's fields, or an empty message when it is not an object at all. */
export function readEngineMessage(value: unknown): EngineMessage {
  const parsed = EngineMessage.safeParse(value);
  return parsed.success ? parsed.data : {};
}
