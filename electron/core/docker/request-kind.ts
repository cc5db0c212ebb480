/**
 * Which engine requests may hold their connection for long: streams (events, logs,
 * attach, exec, stats), calls that block until the engine is done (wait, stop,
 * restart), and bulk transfers (build, pull, push, load, save, archives). Over a pooled
 * transport these get a connection of their own, so they never hold up quick calls.
 */
const LONG_LIVED: { method?: string; path: RegExp }[] = [
  { path: /^\/events$/ },
  { path: /^\/containers\/[^/]+\/(logs|attach|stats|wait|stop|restart|export|archive)$/ },
  { path: /^\/containers\/[^/]+\/attach\/ws$/ },
  { path: /^\/exec\/[^/]+\/start$/ },
  { path: /^\/build$/ },
  { path: /^\/session$/ },
  { path: /^\/images\/(create|load|get)$/ },
  { path: /^\/images\/.+\/(push|get)$/ },
  { method: 'PUT', path: /^\/containers\/[^/]+\/archive$/ },
];

export interface RequestShape {
  method?: string | null | undefined;
  path?: string | null | undefined;
  headers?: unknown;
}

/** True for a request that should not share a pooled connection (see LONG_LIVED). */
export function isLongLivedRequest(request: RequestShape): boolean {
  if (upgrades(request.headers)) return true;
  const path = (request.path ?? '/').split('?')[0]?.replace(/^\/v\d+\.\d+(?=\/)/, '') ?? '/';
  const method = (request.method ?? 'GET').toUpperCase();
  return LONG_LIVED.some((rule) => (!rule.method || rule.method === method) && rule.path.test(path));
}

/** A hijacked request (attach, exec with stdin, BuildKit session) takes its connection for good. */
function upgrades(headers: unknown): boolean {
  if (typeof headers !== 'object' || headers === null) return false;
  return Object.entries(headers).some(([name, value]) => name.toLowerCase() === 'upgrade' && typeof value === 'string' && value !== '');
}
