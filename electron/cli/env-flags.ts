import type { CliContext } from './context';

/** `-e K=V` (and `-e K`, taken from the environment when set there), as exec and run take them. */
export function envFlags(ctx: CliContext, value: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  const pairs = stringList(value);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      const inherited = ctx.env[pair];
      if (inherited !== undefined) env[pair] = inherited;
    } else {
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

/** A string flag's value, or undefined. */
export function optionalString(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** A repeatable string flag's values (`--status a --status b`), or none. */
export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}
