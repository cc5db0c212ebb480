import type { TimelinePhase, TimelineRun } from '../../shared/contract/timeline';
import { runLength, serviceSummary, timelineSeconds } from '../../shared/timeline-text';

/** One character per phase, drawn from the run's start to its end. */
const MARK: Record<TimelinePhase['name'], string> = {
  queued: '·',
  pulling: 'p',
  building: 'b',
  creating: 'c',
  waiting: '░',
  starting: 's',
  healthcheck: '▒',
  running: '▓',
};

const LEGEND = '· queued  p pulling  b building  c creating  ░ waiting  s starting  ▒ healthcheck  ▓ running to completion  █ ready  ✗ failed';

/**
 * The run as a text Gantt chart: a row per service (dependencies first), its phases as
 * characters on a shared time axis, `*` before the services of the critical path.
 */
export function ganttLines(run: TimelineRun, options: { width?: number; now?: number; bold?: (text: string) => string } = {}): string[] {
  const width = Math.max(20, options.width ?? 50);
  const end = Math.max(run.startedAt + (run.totalMs ?? 0), ...run.services.flatMap((s) => s.phases.map((p) => p.to ?? options.now ?? run.startedAt)), run.startedAt + 1);
  const span = end - run.startedAt;
  const column = (t: number) => Math.min(width - 1, Math.max(0, Math.floor(((t - run.startedAt) / span) * width)));
  const nameWidth = Math.max(7, ...run.services.map((s) => s.service.length));
  const bold = options.bold ?? ((text: string) => text);
  const lines = [
    `Startup timeline of ${run.project} (${run.kind}, ${runLength(run)}${run.ok === false ? ', failed' : ''}); * critical path: ${run.criticalPath.join(' → ') || 'none'}`,
    `  ${'SERVICE'.padEnd(nameWidth)}  0 s${' '.repeat(Math.max(1, width - 3 - timelineSeconds(span).length))}${timelineSeconds(span)}`,
  ];
  for (const service of run.services) {
    const bar = Array.from({ length: width }, () => ' ');
    for (const phase of service.phases) {
      const to = phase.to ?? options.now ?? phase.from;
      for (let i = column(phase.from); i <= column(to); i++) bar[i] = MARK[phase.name];
    }
    const at = service.failedAt ?? service.readyAt;
    if (at !== null) bar[column(at)] = service.failedAt !== null ? '✗' : '█';
    const name = `${service.critical ? '*' : ' '} ${service.service.padEnd(nameWidth)}`;
    lines.push(`${service.critical ? bold(name) : name}  ${bar.join('').trimEnd().padEnd(width)}  ${serviceSummary(run, service)}`);
  }
  lines.push(LEGEND);
  return lines;
}
