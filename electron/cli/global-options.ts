import { SlipwayError } from '../../shared/errors';

/** Compose's global flags, written before the subcommand: `slipway -f a.yaml -p name config`. */
export interface GlobalOptions {
  files: string[];
  projectName?: string;
  profiles: string[];
  envFiles: string[];
  projectDirectory?: string;
  host?: string;
  /** `--ansi never|always|auto` (checked where colour is decided: color-mode.ts). */
  ansi?: string;
  noColor: boolean;
  help: boolean;
  version: boolean;
}

type ListFlag = 'files' | 'profiles' | 'envFiles';
type TextFlag = 'projectName' | 'projectDirectory' | 'host' | 'ansi';

/** Global flags that take a value (also what shell completion skips over). */
export const GLOBAL_FLAGS_WITH_VALUE: Record<string, ListFlag | TextFlag> = {
  '-f': 'files',
  '--file': 'files',
  '-p': 'projectName',
  '--project-name': 'projectName',
  '--profile': 'profiles',
  '--env-file': 'envFiles',
  '--project-directory': 'projectDirectory',
  '-H': 'host',
  '--host': 'host',
  '--ansi': 'ansi',
};

export interface SplitArgs {
  global: GlobalOptions;
  command: string | undefined;
  rest: string[];
}

/** Reads global flags up to the first word that is not one; that word is the command. */
export function splitGlobalArgs(argv: string[]): SplitArgs {
  const global: GlobalOptions = { files: [], profiles: [], envFiles: [], noColor: false, help: false, version: false };
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-')) break;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg === '-h' || arg === '--help') {
      global.help = true;
      i++;
      continue;
    }
    if (arg === '-v' || arg === '--version') {
      global.version = true;
      i++;
      continue;
    }
    if (arg === '--no-color' || arg === '--no-ansi') {
      global.noColor = true;
      i++;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const key = GLOBAL_FLAGS_WITH_VALUE[flag];
    if (key === undefined) {
      throw new SlipwayError('usage', `unknown global flag ${flag}`, 'Run `slipway --help` for the list of flags.');
    }
    let value: string | undefined;
    if (eq > 0) {
      value = arg.slice(eq + 1);
      i++;
    } else {
      value = argv[i + 1];
      i += 2;
    }
    if (value === undefined) throw new SlipwayError('usage', `flag ${flag} needs a value`);
    if (key === 'files' || key === 'profiles' || key === 'envFiles') global[key].push(value);
    else global[key] = value;
  }
  return { global, command: argv[i], rest: argv.slice(i + 1) };
}
