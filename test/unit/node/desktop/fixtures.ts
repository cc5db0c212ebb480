import type { DesktopProject, DesktopService, DesktopState } from '../../../../electron/main/desktop-state';

export function svc(service: string, state: DesktopService['state'], exitCode?: number): DesktopService {
  return exitCode === undefined ? { service, state } : { service, state, exitCode };
}

export function project(name: string, services: DesktopService[], running: DesktopProject['running'] = []): DesktopProject {
  return { projectId: name, name, declared: services.map((s) => s.service), services, running };
}

export function state(projects: DesktopProject[], engine: DesktopState['engine'] = 'up'): DesktopState {
  return { engine, projects };
}
