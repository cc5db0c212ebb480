import type Docker from 'dockerode';
import { SlipwayError } from '../../../shared/errors';
import { packFolder } from './pack-folder';

const FILL_TARGET = '/slipway-sync';

export interface FillResult {
  /** Tar entries sent (files, folders, links). */
  entries: number;
  bytes: number;
}

/**
 * Fills a volume with a folder's content in one tar stream (`.dockerignore` applied)
 * through the archive API of a filler container of `image` that is created with the volume
 * mounted and never started. Only the Docker API: the same over a socket, TCP+TLS or SSH.
 */
export async function fillVolume(docker: Docker, image: string, volume: string, folder: string, who: string, signal?: AbortSignal): Promise<FillResult> {
  const filler = await docker.createContainer({
    Image: image,
    Entrypoint: ['/slipway-fill-never-started'],
    Cmd: [],
    Labels: { 'dev.slipway.share-fill': volume },
    HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: FILL_TARGET }], NetworkMode: 'none' },
  });
  try {
    const archive = await packFolder(folder, who);
    signal?.throwIfAborted();
    try {
      await filler.putArchive(archive.stream, { path: FILL_TARGET });
    } catch (error) {
      const cause = archive.failure();
      if (cause) throw cause;
      throw new SlipwayError('share_fill_failed', `${who}could not copy ${folder} into volume ${volume}: ${oneLine(error)}`, 'Check the free space of the engine (docker system df) and that the folder is readable.');
    }
    const cause = archive.failure();
    if (cause) throw cause;
    return { entries: archive.stats.entries, bytes: archive.stats.bytes };
  } finally {
    await filler.remove({ force: true }).catch(() => undefined);
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '').split('\n')[0]?.trim() ?? message;
}
