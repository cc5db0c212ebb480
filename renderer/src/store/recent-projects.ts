/** Recently opened project folders, kept in this browser/window's local storage. */
export interface RecentProject {
  name: string;
  path: string;
  openedAt: number;
}

const KEY = 'slipway.recentProjects';
const MAX = 10;

export function recentProjects(): RecentProject[] {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? list.filter(isRecent).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberProject(project: { name: string; path: string }, now = Date.now()): void {
  const list = [{ ...project, openedAt: now }, ...recentProjects().filter((p) => p.path !== project.path)].slice(0, MAX);
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled: recents are a convenience.
  }
}

function isRecent(value: unknown): value is RecentProject {
  const v = value as RecentProject;
  return typeof v === 'object' && v !== null && typeof v.path === 'string' && typeof v.name === 'string';
}
