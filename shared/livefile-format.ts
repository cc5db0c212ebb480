import type { LiveFileApplied, LiveFileState, ServiceChange } from './contract/livefile';
import { formatLatency } from './watch-format';

/** "compose.yaml", "compose.yaml, .env", "3 files". */
export function changedFilesText(files: readonly string[]): string {
  if (files.length === 0) return 'the project files';
  return files.length <= 3 ? files.join(', ') : `${files.length} files`;
}

/** "web (command, environment.API_URL)", "worker (restart: db)", "cache (new)". */
export function describeChange(change: ServiceChange): string {
  if (change.change === 'added') return `${change.service} (new)`;
  if (change.change === 'removed') return `${change.service} (removed from the file)`;
  if (change.restartedFor !== undefined) return `${change.service} (depends on ${change.restartedFor}, restart: true)`;
  return `${change.service} (${change.keys.join(', ')})`;
}

/** The banner's title: "compose.yaml changed: web, worker to recreate". */
export function pendingTitle(state: Pick<LiveFileState, 'changedFiles' | 'changes'>): string {
  const verbs: Array<[ServiceChange['change'], string]> = [['changed', 'to recreate'], ['added', 'to create'], ['removed', 'to stop']];
  const parts = verbs
    .map(([kind, verb]) => [state.changes.filter((c) => c.change === kind).map((c) => c.service), verb] as const)
    .filter(([services]) => services.length > 0)
    .map(([services, verb]) => `${services.join(', ')} ${verb}`);
  return `${changedFilesText(state.changedFiles)} changed: ${parts.join('; ')}`;
}

/** One line per applied change: "compose.yaml changed: recreated web (command) in 1.2 s". */
export function describeApplied(applied: LiveFileApplied): string {
  const head = `${changedFilesText(applied.changedFiles)} changed`;
  if (!applied.ok) return `${head}: not applied after ${formatLatency(applied.latencyMs)}: ${applied.error?.message ?? 'unknown error'}`;
  const done = applied.changes.map((change) => `${actionWord(applied.actions[change.service], change)} ${describeChange(change)}`);
  return `${head}: ${done.join(', ')} in ${formatLatency(applied.latencyMs)}`;
}

/** A save that does not load: "compose.yaml changed: not applied: compose.yaml:4:3: ...". */
export function describeInvalid(state: Pick<LiveFileState, 'changedFiles' | 'error'>): string {
  return `${changedFilesText(state.changedFiles)} changed: not applied, the running services are unchanged: ${state.error?.message ?? ''}`;
}

function actionWord(action: string | undefined, change: ServiceChange): string {
  if (action !== undefined && action !== 'adopted') return action;
  return change.change === 'added' ? 'created' : change.change === 'removed' ? 'stopped' : 'recreated';
}
