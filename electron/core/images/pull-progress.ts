import { readEngineMessage } from './engine-message';
import { layerOrStatus, type LayerEvent } from './push-progress';

/**
 * Reads the engine's pull stream (POST /images/create) into per-layer progress (`Pulling fs
 * layer`, `Downloading` with bytes, `Extracting`, `Pull complete`, `Already exists`), the lines
 * about the image itself (`Digest: …`, `Status: Downloaded newer image for …`) and the error the
 * stream ends with. Pure: feed it the stream's JSON objects.
 */
export type PullEvent = LayerEvent | { kind: 'status'; message: string };

export class PullProgressParser {
  error: string | undefined;
  /** The engine said the local image was already the registry's (`Status: Image is up to date`). */
  upToDate = false;

  feed(raw: Record<string, unknown>): PullEvent[] {
    const message = readEngineMessage(raw);
    const error = message.errorDetail?.message ?? message.error;
    if (error !== undefined) {
      this.error = error;
      return [];
    }
    if (message.status === undefined) return [];
    if (/^Status: Image is up to date/.test(message.status)) this.upToDate = true;
    // `Pulling from team/app` carries the tag as its id: a line about the image, not a layer.
    if (message.status.startsWith('Pulling from ')) return [{ kind: 'status', message: message.status }];
    return [layerOrStatus(message)];
  }
}

