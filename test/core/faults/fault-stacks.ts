import type Docker from 'dockerode';
import { expect } from 'vitest';

/** db is healthy 3 s after it starts; web and worker wait for it, so up is still at work when a test acts. */
export const GATED_STACK = `services:
  db:
    image: busybox:latest
    init: true
    command: ["sh", "-c", "sleep 3; touch /tmp/ready; exec sleep 3600"]
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30 }
    stop_grace_period: 1s
  web:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    depends_on: { db: { condition: service_healthy } }
    stop_grace_period: 1s
  worker:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    depends_on: { db: { condition: service_healthy } }
    stop_grace_period: 1s
`;

/**
 * One service whose PID 1 is sleep without init: SIGTERM is ignored and a stop takes the
 * whole grace period, so a recreate spends 6 s between creating the replacement and renaming it.
 */
export const slowToStop = (version: string) => `services:
  app:
    image: busybox:latest
    command: ["sleep", "3600"]
    environment: { VERSION: "${version}" }
    stop_grace_period: 6s
`;

/** A service that prints a line every 0.2 s and comes back with the engine (restart: always); ./src syncs to /app. */
export const TICKER = `services:
  ticker:
    image: busybox:latest
    init: true
    restart: always
    command: ["sh", "-c", "i=0; while true; do echo tick $$i; i=$$((i+1)); sleep 0.2; done"]
    stop_grace_period: 1s
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app
`;

/** Every container on the engine that carries the project's name or its label: one per service, labelled, named as Compose names them, running. */
export async function expectConverged(docker: Docker, name: string, services: string[]): Promise<void> {
  const all = await docker.listContainers({ all: true });
  const mine = all.filter((c) => c.Labels?.['com.docker.compose.project'] === name || c.Names.some((n) => n.includes(name)));
  const rows = mine.map((c) => ({ name: c.Names[0]?.replace(/^\//, ''), project: c.Labels?.['com.docker.compose.project'], service: c.Labels?.['com.docker.compose.service'], state: c.State }));
  expect(rows.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
    services.map((service) => ({ name: `${name}-${service}-1`, project: name, service, state: 'running' })),
  );
}
