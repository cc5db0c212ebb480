import { existsSync, readFileSync } from 'node:fs';
import Docker from 'dockerode';
import { pack } from 'tar-stream';

/** Where Debian's busybox-static puts its binary. */
export const BUSYBOX_BINARY = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));

const DOCKERFILE = `FROM scratch
COPY rootfs/ /
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/usr/local/bin:/usr/bin:/bin
CMD ["sh"]
`;

/**
 * Nothing can be pulled here, so every test stack uses a stand-in `busybox:latest`
 * built FROM scratch around the static busybox binary.
 */
export async function ensureBusyboxImage(docker: Docker, tag = 'busybox:latest'): Promise<void> {
  const present = await docker.getImage(tag).inspect().then(() => true, () => false);
  if (present) return;
  if (!BUSYBOX_BINARY) throw new Error('busybox is not installed (Debian package busybox-static)');
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, DOCKERFILE);
  tar.entry({ name: 'rootfs/bin', type: 'directory', mode: 0o755 });
  tar.entry({ name: 'rootfs/etc', type: 'directory', mode: 0o755 });
  tar.entry({ name: 'rootfs/tmp', type: 'directory', mode: 0o1777 });
  tar.entry({ name: 'rootfs/root', type: 'directory', mode: 0o700 });
  tar.entry({ name: 'rootfs/bin/busybox', mode: 0o755 }, readFileSync(BUSYBOX_BINARY));
  tar.entry({ name: 'rootfs/etc/passwd' }, 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
  tar.entry({ name: 'rootfs/etc/group' }, 'root:x:0:\nnogroup:x:65534:\n');
  tar.finalize();
  const stream = await docker.buildImage(tar as unknown as NodeJS.ReadableStream, { t: tag, rm: true, forcerm: true });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((o) => o.error);
      if (err) reject(err);
      else if (failed) reject(new Error(failed.error));
      else resolve();
    });
  });
}
