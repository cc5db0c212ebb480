import type { Stores } from '../../app-context';

export interface PaletteCommand {
  id: string;
  title: string;
  run(): void;
}

/** Everything the palette offers for the current state: stack actions, per-service actions, navigation. */
export function paletteCommands({ app, logs }: Stores): PaletteCommand[] {
  const s = app.getState();
  const project = s.projects.find((p) => p.projectId === s.currentId);
  const out: PaletteCommand[] = [];
  if (project) {
    out.push(
      { id: 'up', title: `Up: start ${project.name}`, run: () => void s.stackAction('up') },
      { id: 'down', title: `Down: stop and remove ${project.name}`, run: () => void s.stackAction('down') },
      { id: 'restart', title: `Restart ${project.name}`, run: () => void s.stackAction('restart') },
      { id: 'logs-all', title: 'Logs: all services', run: () => s.showLogs(undefined) },
      { id: 'search', title: 'Search logs', run: () => document.getElementById('log-search')?.focus() },
      { id: 'follow', title: 'Logs: jump to latest', run: () => logs.getState().setFollow(true) },
      { id: 'timestamps', title: 'Logs: toggle timestamps', run: () => logs.getState().toggleTimestamps() },
      { id: 'wrap', title: 'Logs: toggle wrap', run: () => logs.getState().toggleWrap() },
    );
    for (const service of project.services) {
      out.push(
        { id: `restart:${service}`, title: `Restart ${service}`, run: () => void s.serviceAction(service, 'restart') },
        { id: `stop:${service}`, title: `Stop ${service}`, run: () => void s.serviceAction(service, 'stop') },
        { id: `start:${service}`, title: `Start ${service}`, run: () => void s.serviceAction(service, 'start') },
        { id: `logs:${service}`, title: `Logs of ${service}`, run: () => s.showLogs(service) },
        { id: `shell:${service}`, title: `Shell in ${service}`, run: () => s.openTerminal(service) },
      );
    }
  }
  out.push({ id: 'projects', title: 'Projects: open another folder…', run: () => s.selectProject(undefined) });
  for (const p of s.projects) if (p.projectId !== s.currentId) out.push({ id: `switch:${p.projectId}`, title: `Switch to ${p.name}`, run: () => s.selectProject(p.projectId) });
  return out;
}

/** Commands whose title contains every word of the query, in order of where they match. */
export function filterCommands(commands: PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  return commands
    .filter((c) => words.every((w) => c.title.toLowerCase().includes(w)))
    .sort((a, b) => a.title.toLowerCase().indexOf(words[0] ?? '') - b.title.toLowerCase().indexOf(words[0] ?? ''));
}
