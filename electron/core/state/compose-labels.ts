import type Docker from 'dockerode';
import { LABEL } from '../stack/labels';

/** The labels Compose puts on the containers it makes (one list: stack/labels.ts); Slipway finds and adopts containers by them. */
export const LABEL_PROJECT = LABEL.project;
export const LABEL_SERVICE = LABEL.service;
export const LABEL_NUMBER = LABEL.number;
export const LABEL_ONEOFF = LABEL.oneoff;

export interface ProjectContainer {
  id: string;
  name: string;
  service: string;
  number: number;
  /** Docker's state word: running, exited, created, … */
  state: string;
  created: number;
}

export function isOneOff(labels: Record<string, string> | undefined): boolean {
  return (labels?.[LABEL_ONEOFF] ?? 'False').toLowerCase() === 'true';
}

/** The service containers of a project (not one-off `run` containers), by service then number. */
export async function listProjectContainers(docker: Docker, projectId: string, services?: readonly string[]): Promise<ProjectContainer[]> {
  const listed = await docker.listContainers({ all: true, filters: { label: [`${LABEL_PROJECT}=${projectId}`] } });
  const wanted = services && services.length > 0 ? new Set(services) : undefined;
  return listed
    .filter((c) => !isOneOff(c.Labels) && c.Labels?.[LABEL_SERVICE] !== undefined)
    .map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
      service: c.Labels[LABEL_SERVICE] as string,
      number: Number(c.Labels[LABEL_NUMBER] ?? 1) || 1,
      state: c.State,
      created: c.Created,
    }))
    .filter((c) => !wanted || wanted.has(c.service))
    .sort((a, b) => (a.service === b.service ? a.number - b.number : a.service < b.service ? -1 : 1));
}
