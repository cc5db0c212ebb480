import path from 'node:path';
import type { Project, ServiceConfig, WatchRule } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import { PathFilter } from './path-filter';

/** One develop.watch rule of one service, ready to match paths. */
export interface PlannedRule {
  service: string;
  index: number;
  rule: WatchRule;
  filter: PathFilter;
  /** The rule's path lies in a bind mount of the service: the container already sees the files. */
  bindMounted: boolean;
}

export interface WatchPlan {
  rules: PlannedRule[];
  services: string[];
  /** The union of rule paths, without paths already covered by another. */
  roots: string[];
  /** Compose's warnings about these rules (the deprecated `x-initialSync`). */
  warnings: string[];
}

/** The plan when it has rules; otherwise the error Compose gives, with what to do. */
export function requireRules(project: Project, plan: WatchPlan, services?: string[]): WatchPlan {
  if (plan.rules.length > 0) return plan;
  const which = services && services.length > 0 ? `services ${services.join(', ')}` : 'no service';
  throw new SlipwayError('watch_no_rules', `Nothing to watch in project ${project.name}: ${which} ${services?.length ? 'have' : 'has'} develop.watch rules`, 'Add a develop.watch section to a service (path, action, target) and run again.');
}

/** Compose's words, once per rule that uses the old spelling. */
export const X_INITIAL_SYNC_DEPRECATED = 'x-initialSync is DEPRECATED, please use the official `initial_sync` attribute';

/** A local build context (not a URL). */
export function localContext(service: ServiceConfig): string | undefined {
  const context = service.build?.context;
  if (!context || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')) return undefined;
  return path.resolve(context);
}

/** True when `hostPath` is a bind-mount source of the service, or inside one. */
export function inBindMount(service: ServiceConfig, hostPath: string): boolean {
  return (service.volumes ?? []).some((volume) => {
    if (volume.type !== 'bind' || !volume.source) return false;
    const source = path.resolve(volume.source);
    return hostPath === source || hostPath.startsWith(source + path.sep);
  });
}

/** Every develop.watch rule of the project's services, and the paths to watch. */
export function planWatch(project: Project, only?: string[]): WatchPlan {
  const rules: PlannedRule[] = [];
  const warnings: string[] = [];
  for (const [service, config] of Object.entries(project.model.services)) {
    if (only && only.length > 0 && !only.includes(service)) continue;
    const contextDir = localContext(config);
    (config.develop?.watch ?? []).forEach((rule, index) => {
      const root = path.resolve(project.workingDir, rule.path);
      const bindMounted = inBindMount(config, root);
      // Compose honours the old spelling when initial_sync is not set, and says it is deprecated.
      const legacy = !rule.initial_sync && rule['x-initialSync'] === true && !(bindMounted && rule.action.startsWith('sync'));
      if (legacy) warnings.push(X_INITIAL_SYNC_DEPRECATED);
      rules.push({
        service,
        index,
        rule: { ...rule, path: root, ...(legacy ? { initial_sync: true } : {}) },
        filter: new PathFilter({ root, ...(rule.ignore ? { ignore: rule.ignore } : {}), ...(rule.include ? { include: rule.include } : {}), ...(contextDir ? { contextDir } : {}) }),
        bindMounted,
      });
    });
  }
  const services = [...new Set(rules.map((r) => r.service))];
  return { rules, services, roots: unionRoots(rules.map((r) => r.filter.root)), warnings };
}

function unionRoots(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const roots: string[] = [];
  for (const candidate of sorted) {
    if (!roots.some((root) => candidate === root || candidate.startsWith(root + path.sep))) roots.push(candidate);
  }
  return roots;
}

/** Where a host file lands in the container for a sync rule. */
export function containerPath(rule: WatchRule, hostPath: string): string {
  const target = rule.target ?? '';
  const relative = path.relative(rule.path, hostPath).split(path.sep).join('/');
  return relative === '' ? target : path.posix.join(target, relative);
}
