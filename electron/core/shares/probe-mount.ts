import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { errnoCode } from '../thrown';
import { PROBE_MARKER_PREFIX } from '../watch/path-filter';

export interface ProbeAnswer {
  reaches: boolean;
  /** Why it does not reach, or why it was not probed (then `reaches` is false and `probed` too). */
  reason?: string;
  probed: boolean;
}

const PROBE_TARGET = '/slipway-probe';

/**
 * Does a bind mount of `folder` show this machine's folder to the engine? A marker file is
 * written in it, a container of `image` (one the engine already has: nothing is pulled) is
 * created — never started — with the folder bind-mounted, and the engine is asked through
 * the archive API whether it sees the marker. Container and marker are removed either way.
 * Uses only the Docker API, so it answers the same over a socket, TCP+TLS or SSH.
 */
export async function probeFolder(docker: Docker, image: string, folder: string, engineUrl: string): Promise<ProbeAnswer> {
  const marker = `${PROBE_MARKER_PREFIX}${randomBytes(6).toString('hex')}`;
  const markerPath = path.join(folder, marker);
  try {
    await writeFile(markerPath, 'slipway probe\n', { flag: 'wx' });
  } catch (error) {
    return { reaches: false, probed: false, reason: `not probed: cannot write a marker in ${folder} (${errnoCode(error) ?? 'error'})` };
  }
  let containerId: string | undefined;
  try {
    const container = await docker.createContainer({
      Image: image,
      // Never started: the entrypoint only has to be there for the create to pass.
      Entrypoint: ['/slipway-probe-never-started'],
      Cmd: [],
      Labels: { 'dev.slipway.probe': 'true' },
      HostConfig: { Binds: [`${folder}:${PROBE_TARGET}:ro`], NetworkMode: 'none' },
    });
    containerId = container.id;
    const seen = await container.infoArchive({ path: `${PROBE_TARGET}/${marker}` }).then(() => true, (error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    });
    return seen ? { reaches: true, probed: true } : { reaches: false, probed: true, reason: unreachableReason(engineUrl) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    return { reaches: false, probed: false, reason: `not probed: the engine refused the probe container of ${image} (${message})` };
  } finally {
    if (containerId) await docker.getContainer(containerId).remove({ force: true, v: true }).catch(() => undefined);
    await rm(markerPath, { force: true }).catch(() => undefined);
  }
}

/** Why an engine does not see a folder of this machine, from where it is. */
export function unreachableReason(engineUrl: string): string {
  const local = /^(unix|npipe):/i.test(engineUrl) || /^(tcp|https?):\/\/(127\.|localhost|\[?::1\]?)/i.test(engineUrl);
  return local
    ? 'the engine does not see this folder: it runs in a VM or mount namespace that does not share it'
    : `the engine runs on another host (${engineUrl}): it cannot see this machine's folders`;
}

/** Probe answers per engine and folder, for as long as the core runs. */
export class ProbeCache {
  private readonly answers = new Map<string, Promise<ProbeAnswer>>();

  probe(docker: Docker, image: string, folder: string, engineUrl: string): Promise<ProbeAnswer> {
    const key = `${engineUrl}\0${folder}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = probeFolder(docker, image, folder, engineUrl);
      this.answers.set(key, answer);
      // A probe that could not run is asked again next time.
      void answer.then((a) => {
        if (!a.probed) this.answers.delete(key);
      });
    }
    return answer;
  }

  /** A probe answered earlier, without probing. */
  known(folder: string, engineUrl: string): Promise<ProbeAnswer> | undefined {
    return this.answers.get(`${engineUrl}\0${folder}`);
  }
}
