export { parseSince } from '../../../shared/since';

/** Epoch ms as the engine's `since` query value (seconds with a fraction). */
export function dockerSinceFromMs(ms: number): string {
  return (ms / 1000).toFixed(6);
}
