import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The desktop tests' project: db turns healthy about a second after it starts, and app
 * waits for it (depends_on service_healthy). Both on busybox, nothing published.
 */
export function writeHealthyChainProject(projectDir: string): void {
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(
    path.join(projectDir, 'compose.yaml'),
    [
      'services:',
      '  db:',
      '    image: busybox:latest',
      '    init: true',
      '    network_mode: host',
      '    command: ["sh", "-c", "sleep 1; touch /tmp/ready; exec sleep 3600"]',
      '    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30}',
      '  app:',
      '    image: busybox:latest',
      '    init: true',
      '    network_mode: host',
      '    command: ["sleep", "3600"]',
      '    depends_on: {db: {condition: service_healthy}}',
      '',
    ].join('\n'),
  );
}
