import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Keys of a dotenv file (KEY=..., export KEY=..., KEY alone), comments and blanks skipped. */
export function dotenvKeys(text: string): string[] {
  const keys: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|$)/.exec(line);
    if (match?.[1]) keys.push(match[1]);
  }
  return keys;
}

export interface EnvExampleState {
  example: string;
  dotenv: string;
  exampleExists: boolean;
  dotenvExists: boolean;
  /** Keys in .env.example set neither in .env nor in the environment. */
  missing: string[];
}

export function envExampleState(dir: string, env: Record<string, string | undefined>): EnvExampleState {
  const example = path.join(dir, '.env.example');
  const dotenv = path.join(dir, '.env');
  const exampleExists = existsSync(example);
  const dotenvExists = existsSync(dotenv);
  if (!exampleExists) return { example, dotenv, exampleExists, dotenvExists, missing: [] };
  const have = new Set(dotenvExists ? dotenvKeys(readFileSync(dotenv, 'utf8')) : []);
  const missing = dotenvKeys(readFileSync(example, 'utf8')).filter((k) => !have.has(k) && env[k] === undefined);
  return { example, dotenv, exampleExists, dotenvExists, missing };
}

/**
 * Creates .env from .env.example, or appends the example's lines for the keys .env lacks.
 * Never overwrites a value the user set. Returns the keys it added.
 */
export function createEnvFromExample(dir: string, env: Record<string, string | undefined>): string[] {
  const state = envExampleState(dir, env);
  if (!state.exampleExists) return [];
  if (!state.dotenvExists) {
    copyFileSync(state.example, state.dotenv);
    return dotenvKeys(readFileSync(state.example, 'utf8'));
  }
  if (state.missing.length === 0) return [];
  const wanted = new Set(state.missing);
  const lines = readFileSync(state.example, 'utf8')
    .split(/\r?\n/)
    .filter((line) => {
      const key = dotenvKeys(line)[0];
      return key !== undefined && wanted.has(key);
    });
  const current = readFileSync(state.dotenv, 'utf8');
  const lead = current.length > 0 && !current.endsWith('\n') ? '\n' : '';
  appendFileSync(state.dotenv, `${lead}# added from .env.example by slipway doctor\n${lines.join('\n')}\n`);
  return state.missing;
}
