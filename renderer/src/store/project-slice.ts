import type { StateCreator } from 'zustand/vanilla';
import { toErrorInfo } from '../../../shared/errors';
import type { AppState, ProjectSlice } from './types';

export const projectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set, get) => ({
  projects: [],
  projectsLoaded: false,
  opening: false,
  recent: [],
  async loadRecent() {
    try {
      const settings = await get().client.call('settings.get', {});
      set({ recent: settings.recentProjects });
    } catch {
      // No settings to read (an older core): the list stays empty.
    }
  },
  async loadProjects() {
    try {
      const projects = await get().client.call('projects.list', {});
      const current = get().currentId;
      const keep = projects.some((p) => p.projectId === current);
      set({ projects, projectsLoaded: true, projectsError: undefined, currentId: keep ? current : projects[0]?.projectId });
    } catch (error) {
      set({ projectsError: toErrorInfo(error), projectsLoaded: true });
    }
  },
  async loadDetail() {
    const projectId = get().currentId;
    if (!projectId) return;
    try {
      const detail = await get().client.call('projects.get', { projectId });
      if (get().currentId === projectId) set({ detail });
    } catch {
      // The detail adds images and ports; the view works without it.
    }
  },
  async openProject(path) {
    set({ opening: true, openError: undefined });
    try {
      const summary = await get().client.call('projects.open', { path });
      set((s) => ({
        opening: false,
        projects: [...s.projects.filter((p) => p.projectId !== summary.projectId), summary],
        currentId: summary.projectId,
      }));
      return true;
    } catch (error) {
      set({ opening: false, openError: toErrorInfo(error) });
      return false;
    }
  },
  selectProject(projectId) {
    set({ currentId: projectId, detail: undefined, services: {}, servicesLoaded: false, servicesError: undefined, stackError: undefined, serviceErrors: {}, logService: undefined, terminalService: undefined });
  },
});
