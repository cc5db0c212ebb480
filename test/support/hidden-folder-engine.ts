import { startThrowawayEngine, type EngineOptions, type ThrowawayEngine } from './throwaway-engine';
import { ensureBusyboxImage } from './stand-in-image';
import { dockerFromHost } from './docker-from-host';

/**
 * A throwaway dockerd in a mount namespace of its own where `folder` is hidden under an
 * empty tmpfs: a bind mount of the folder shows an empty folder, exactly as on a remote
 * host or in a VM that does not share it. It has the stand-in busybox image.
 */
export async function startHiddenFolderEngine(folder: string, options: EngineOptions = {}): Promise<ThrowawayEngine> {
  const engine = await startThrowawayEngine({
    ...options,
    launcher: (dockerd, args) => ({
      command: 'unshare',
      args: ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs none "$0" && exec "$@"', folder, dockerd, ...args],
    }),
  });
  try {
    await ensureBusyboxImage(dockerFromHost(engine.dockerHost));
  } catch (error) {
    await engine.destroy();
    throw error;
  }
  return engine;
}
