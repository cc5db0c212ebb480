import http from 'node:http';
import type { SlipwayCore } from '../../../electron/core/slipway-core';
import { removeProjectResources } from '../../support/engine';
import { dockerFromHost } from '../../support/docker-from-host';
import type { ThrowawayEngine } from '../../support/throwaway-engine';

/** A GET on 127.0.0.1 (status and body). */
export function httpGet(port: number, pathName: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathName, headers: { connection: 'close' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    }).on('error', reject);
  });
}

/**
 * compose.yaml of a project whose `web` serves its bind-mounted ./www with busybox httpd on
 * 127.0.0.1:PORT (host network), healthy once it answers; `top` goes before `services:`.
 */
export function webServingWww(name: string, port: number, top = ''): string {
  return `name: ${name}
${top}services:
  web:
    image: busybox:latest
    init: true
    network_mode: host
    command: ["httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]
    volumes: ["./www:/www"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${port}/index.html"]
      interval: 300ms
      retries: 50
`;
}

/** After a hidden-folder suite: the core, the project's resources on that engine, the engine, the folder. */
export async function disposeHiddenSuite(parts: { core?: SlipwayCore; hidden?: ThrowawayEngine; name: string; project?: { cleanup(): void } }): Promise<void> {
  await parts.core?.dispose();
  if (parts.hidden) {
    await removeProjectResources(dockerFromHost(parts.hidden.dockerHost), parts.name);
    await parts.hidden.destroy();
  }
  parts.project?.cleanup();
}
