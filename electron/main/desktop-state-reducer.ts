import type { ProjectSummary } from '../../shared/contract/projects';
import type { TaskDone, TaskProgress } from '../../shared/contract/tasks';
import type { DesktopProject, DesktopReplica, DesktopService, DesktopState, EngineStatusWord, ProjectStateLike } from './desktop-state';

/**
 * Core events in, DesktopState out: a pure reducer. Events it does not know leave the
 * state as it is (same object), so callers can skip work when nothing changed.
 */
export type DesktopEvent =
  | { name: 'project.opened'; payload: ProjectSummary }
  | { name: 'project.closed'; payload: { projectId: string } }
  | { name: 'state.changed'; payload: { projectId: string; state: ProjectStateLike } }
  | { name: 'engine.status'; payload: { status: EngineStatusWord; message?: string } }
  | { name: 'task.progress'; payload: TaskProgress }
  | { name: 'task.done'; payload: TaskDone }
  | { name: 'proxy.urls'; payload: { projectId: string; urls: { service: string; url: string }[] } };

export function reduceDesktopState(state: DesktopState, e: DesktopEvent): DesktopState {
  switch (e.name) {
    case 'project.opened': {
      const { projectId, name } = e.payload;
      if (state.projects.some((p) => p.projectId === projectId)) return state;
      const declared = [...e.payload.services].sort();
      const project: DesktopProject = { projectId, name, declared, services: declared.map((service) => ({ service, state: 'stopped' })), running: [] };
      return { ...state, projects: [...state.projects, project] };
    }
    case 'project.closed':
      return { ...state, projects: state.projects.filter((p) => p.projectId !== e.payload.projectId) };
    case 'state.changed':
      return applyProjectState(state, e.payload.state);
    case 'engine.status': {
      const next: DesktopState = { ...state, engine: e.payload.status };
      if (e.payload.message === undefined) delete next.engineMessage;
      else next.engineMessage = e.payload.message;
      return next;
    }
    case 'task.progress': {
      const { projectId, taskId, kind } = e.payload;
      if (projectId === undefined) return state;
      return updateProject(state, projectId, (p) => (p.running.some((t) => t.taskId === taskId) ? p : { ...p, running: [...p.running, { taskId, kind }] }));
    }
    case 'task.done': {
      const { projectId, taskId } = e.payload;
      if (projectId === undefined) return state;
      return updateProject(state, projectId, (p) => (p.running.some((t) => t.taskId === taskId) ? { ...p, running: p.running.filter((t) => t.taskId !== taskId) } : p));
    }
    case 'proxy.urls': {
      const addresses: Record<string, string> = {};
      for (const { service, url } of e.payload.urls) addresses[service] ??= url;
      return updateProject(state, e.payload.projectId, (p) => (JSON.stringify(p.addresses ?? {}) === JSON.stringify(addresses) ? p : { ...p, addresses }));
    }
    default:
      return state;
  }
}

/** A state snapshot or change: services replaced, the engine word taken along. */
export function applyProjectState(state: DesktopState, project: ProjectStateLike): DesktopState {
  const live = project.services.map((s): DesktopService => {
    const replicas = (s.containers ?? []).map((c): DesktopReplica => ({ number: c.number, state: c.word ?? s.state, ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) }));
    return {
      service: s.service,
      state: s.state,
      ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}),
      ...(replicas.length > 1 ? { replicas } : {}),
    };
  });
  const next = updateProject(state, project.projectId, (p) => {
    // The state feed lists services that have containers; the others are stopped.
    const missing = p.declared.filter((name) => !live.some((s) => s.service === name)).map((service): DesktopService => ({ service, state: 'stopped' }));
    const services = [...live, ...missing].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
    return { ...p, services };
  });
  return next.engine === project.engine ? next : { ...next, engine: project.engine };
}

function updateProject(state: DesktopState, projectId: string, change: (p: DesktopProject) => DesktopProject): DesktopState {
  let changed = false;
  const projects = state.projects.map((p) => {
    if (p.projectId !== projectId) return p;
    const next = change(p);
    if (next !== p) changed = true;
    return next;
  });
  return changed ? { ...state, projects } : state;
}
