import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { stopOwnedProcess } from '../../support/processes';

/** A real ssh-agent on a socket of its own, holding one new ed25519 key with this comment. */
export async function startSshAgent(comment: string): Promise<{ socket: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swssh-'));
  const socket = path.join(dir, 'agent.sock');
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: ['ignore', 'pipe', 'inherit'] });
  // In the foreground it prints its SSH_AUTH_SOCK line once the socket listens.
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`ssh-agent exited with ${code}`)));
    child.stdout?.once('data', () => resolve());
  });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path.join(dir, 'key')]);
  execFileSync('ssh-add', ['-q', path.join(dir, 'key')], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  return {
    socket,
    async stop() {
      await stopOwnedProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The fixture's agent client, built statically so it runs in the busybox stand-in image. */
export function buildAgentClient(outFile: string): void {
  const source = path.join(import.meta.dirname, '..', '..', 'fixtures', 'ssh-agent', 'list-identities.c');
  execFileSync('gcc', ['-static', '-Os', '-o', outFile, source]);
}

/** Everything `docker save` writes for an image, as one buffer. */
export async function savedImage(docker: Docker, image: string): Promise<Buffer> {
  const stream = await docker.getImage(image).get();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
