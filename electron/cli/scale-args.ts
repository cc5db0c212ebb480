import { SlipwayError } from '../../shared/errors';

/**
 * `SERVICE=N` arguments (`up --scale`, repeatable; `scale web=3 worker=2`) as Compose reads
 * them: a service name, `=`, a whole number; the last one for a service wins.
 */
export function parseScaleArgs(command: string, args: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const list: unknown[] = Array.isArray(args) ? args : args === undefined ? [] : [args];
  for (const arg of list.map(String)) {
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : '';
    const value = eq > 0 ? arg.slice(eq + 1) : '';
    if (!name || !/^\d+$/.test(value)) {
      throw new SlipwayError('usage', `${command}: invalid scale "${arg}", it should be SERVICE=NUM`, `For example: slipway ${command === 'scale' ? 'scale web=3' : 'up --scale web=3'}`);
    }
    out[name] = Number(value);
  }
  return out;
}

