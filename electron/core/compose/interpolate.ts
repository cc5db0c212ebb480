import { SlipwayError } from '../../../shared/errors';
import { substitute, TemplateError, type Lookup } from './template';
import type { Dict, KeyPath } from './types';
import { booleanFromText, formatKeyPath, isDict } from './types';
import type { ComposeSource } from './yaml-source';

type Cast = (value: string) => unknown;

const toInt: Cast = (v) => (/^[-+]?\d+$/.test(v.trim()) ? Number.parseInt(v, 10) : v);
const toFloat: Cast = (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
const toBool: Cast = (v) => booleanFromText(v) ?? v;

/** Where Compose turns an interpolated string into a number or a boolean. */
const CASTS: [string[], Cast][] = [
  [['services', '*', 'cpu_count'], toInt],
  [['services', '*', 'cpu_percent'], toFloat],
  [['services', '*', 'cpu_period'], toInt],
  [['services', '*', 'cpu_quota'], toInt],
  [['services', '*', 'cpu_rt_period'], toInt],
  [['services', '*', 'cpu_rt_runtime'], toInt],
  [['services', '*', 'cpus'], toFloat],
  [['services', '*', 'cpu_shares'], toInt],
  [['services', '*', 'init'], toBool],
  [['services', '*', 'deploy', 'replicas'], toInt],
  [['services', '*', 'deploy', 'restart_policy', 'max_attempts'], toInt],
  [['services', '*', 'healthcheck', 'retries'], toInt],
  [['services', '*', 'healthcheck', 'disable'], toBool],
  [['services', '*', 'oom_kill_disable'], toBool],
  [['services', '*', 'oom_score_adj'], toInt],
  [['services', '*', 'pids_limit'], toInt],
  [['services', '*', 'ports', '[]', 'target'], toInt],
  [['services', '*', 'privileged'], toBool],
  [['services', '*', 'read_only'], toBool],
  [['services', '*', 'scale'], toInt],
  [['services', '*', 'stdin_open'], toBool],
  [['services', '*', 'tty'], toBool],
  [['services', '*', 'ulimits', '*'], toInt],
  [['services', '*', 'ulimits', '*', 'hard'], toInt],
  [['services', '*', 'ulimits', '*', 'soft'], toInt],
  [['services', '*', 'volumes', '[]', 'read_only'], toBool],
  [['services', '*', 'volumes', '[]', 'volume', 'nocopy'], toBool],
  [['services', '*', 'volumes', '[]', 'bind', 'create_host_path'], toBool],
  [['services', '*', 'depends_on', '*', 'required'], toBool],
  [['services', '*', 'depends_on', '*', 'restart'], toBool],
  [['services', '*', 'build', 'privileged'], toBool],
  [['services', '*', 'build', 'no_cache'], toBool],
  [['services', '*', 'build', 'pull'], toBool],
  [['services', '*', 'develop', 'watch', '[]', 'initial_sync'], toBool],
  [['networks', '*', 'external'], toBool],
  [['networks', '*', 'internal'], toBool],
  [['networks', '*', 'attachable'], toBool],
  [['networks', '*', 'enable_ipv6'], toBool],
  [['volumes', '*', 'external'], toBool],
  [['secrets', '*', 'external'], toBool],
  [['configs', '*', 'external'], toBool],
];

function castFor(path: KeyPath): Cast | undefined {
  outer: for (const [pattern, cast] of CASTS) {
    if (pattern.length !== path.length) continue;
    for (let i = 0; i < pattern.length; i++) {
      const want = pattern[i];
      const got = path[i];
      if (want === '*') {
        if (typeof got !== 'string') continue outer;
      } else if (want === '[]') {
        if (typeof got !== 'number') continue outer;
      } else if (want !== got) continue outer;
    }
    return cast;
  }
  return undefined;
}

/**
 * Substitutes variables in every string value of a compose file (keys are left alone),
 * then casts the values Compose expects as numbers or booleans. Errors name file:line:col.
 */
export function interpolateSource(source: ComposeSource, lookup: Lookup, warnings: string[]): Dict {
  const warned = new Set<string>();
  const walk = (value: unknown, path: KeyPath): unknown => {
    if (typeof value === 'string') {
      let result;
      try {
        result = substitute(value, lookup);
      } catch (error) {
        if (error instanceof TemplateError) {
          const hint = error.kind === 'invalid' ? 'Write $$ for a literal $, and ${NAME} or ${NAME:-default} for a variable.' : `Set ${error.variable ?? 'the variable'} in the environment or in .env.`;
          throw new SlipwayError('compose_interpolation', `${source.where(path)}: ${formatKeyPath(path)}: ${error.message}`, hint);
        }
        throw error;
      }
      for (const name of result.unset) {
        if (warned.has(name)) continue;
        warned.add(name);
        warnings.push(`The "${name}" variable is not set. Defaulting to a blank string.`);
      }
      const cast = castFor(path);
      return cast ? cast(result.value) : result.value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (isDict(value)) {
      const out: Dict = {};
      for (const [key, item] of Object.entries(value)) out[key] = walk(item, [...path, key]);
      return out;
    }
    return value;
  };
  const data = walk(source.data, []);
  return isDict(data) ? data : {};
}
