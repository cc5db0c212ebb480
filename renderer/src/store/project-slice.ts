import type { StateCreator } from 'zustand/vanilla';
import type { AppState, ProjectSlice } from './types';
import { rememberProject } from './recent-projects';

export const projectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set, get) => ({
  projects: [],
  projectsLoaded: false,
  opening: false,
  async loadProjects() {
    const result = await get().client.call('projects.list', {});
    if (!result.ok) {
      set({ projectsError: result.error, projectsLoaded: true });
      return;
    }
    const current = get().currentId;
    const keep = result.value.some((p) => p.projectId === current);
    set({ projects: result.value, projectsLoaded: true, projectsError: undefined, currentId: keep ? current : result.value[0]?.projectId });
  },
  async loadDetail() {
    const projectId = get().currentId;
    if (!projectId) return;
    const result = await get().client.call('projects.get', { projectId });
    if (result.ok && get().currentId === projectId) set({ detail: result.value });
  },
  async openProject(path) {
    set({ opening: true, openError: undefined });
    const result = await get().client.call('projects.open', { path });
    if (!result.ok) {
      set({ opening: false, openError: result.error });
      return false;
    }
    const summary = result.value;
    rememberProject({ name: summary.name, path: summary.workingDir });
    set((s) => ({
      opening: false,
      projects: [...s.projects.filter((p) => p.projectId !== summary.projectId), summary],
      currentId: summary.projectId,
    }));
    return true;
  },
  selectProject(projectId) {
    set({ currentId: projectId, detail: undefined, services: {}, servicesLoaded: false, servicesError: undefined, stackError: undefined, serviceErrors: {}, logService: undefined, terminalService: undefined });
  },
});
