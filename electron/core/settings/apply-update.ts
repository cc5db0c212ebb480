import type { Settings, SettingsUpdate } from '../../../shared/contract/settings';
import { MAX_RECENT_PROJECTS } from '../../../shared/contract/settings';

/** A settings update applied to settings: pure, returns a new object. */
export function applySettingsUpdate(settings: Settings, update: SettingsUpdate, now: Date = new Date()): Settings {
  const next: Settings = { ...settings, recentProjects: [...settings.recentProjects], projects: { ...settings.projects } };
  if (update.theme !== undefined) next.theme = update.theme;
  if (update.startAtLogin !== undefined) next.startAtLogin = update.startAtLogin;
  if (update.closeToTray !== undefined) next.closeToTray = update.closeToTray;
  if (update.notifications !== undefined) next.notifications = update.notifications;
  if (update.serviceUrlsPort !== undefined) next.serviceUrlsPort = update.serviceUrlsPort;
  if (update.window !== undefined) next.window = update.window;
  if (update.removeRecentProject !== undefined) {
    next.recentProjects = next.recentProjects.filter((r) => r.path !== update.removeRecentProject);
  }
  if (update.addRecentProject) {
    const { path, name } = update.addRecentProject;
    next.recentProjects = [{ path, name, openedAt: now.toISOString() }, ...next.recentProjects.filter((r) => r.path !== path)].slice(0, MAX_RECENT_PROJECTS);
  }
  if (update.projectPrefs) {
    const { path, prefs } = update.projectPrefs;
    const current = next.projects[path] ?? { watch: false, profiles: [] };
    next.projects[path] = {
      watch: prefs.watch ?? current.watch,
      profiles: prefs.profiles ?? current.profiles,
    };
  }
  return next;
}
