import type { CallInput } from '../../shared/contract';
import { SlipwayError } from '../../shared/errors';
import type { ParsedArgs } from './command';

const PULL_POLICIES = ['always', 'missing', 'never', 'build'] as const;
type PullFlag = (typeof PULL_POLICIES)[number];

function isPullFlag(value: string): value is PullFlag {
  return (PULL_POLICIES as readonly string[]).includes(value);
}

/** `--build`, `--no-build`, `--pull POLICY`, `--quiet-pull` of `up` and `create`, as stack.up takes them (Compose's checks). */
export function imageFlags(command: string, args: ParsedArgs): Pick<CallInput<'stack.up'>, 'build' | 'noBuild' | 'pull' | 'quietPull'> {
  const build = args.values.build === true;
  const noBuild = args.values['no-build'] === true;
  if (build && noBuild) throw new SlipwayError('usage', `${command}: --build and --no-build are incompatible`, 'Use one of them.');
  const pull = args.values.pull;
  if (pull !== undefined && (typeof pull !== 'string' || !isPullFlag(pull))) {
    throw new SlipwayError('usage', `${command}: invalid --pull option "${String(pull)}"`, `Use one of ${PULL_POLICIES.join(', ')}.`);
  }
  return { build, ...(noBuild ? { noBuild: true } : {}), ...(pull !== undefined ? { pull } : {}), ...(args.values['quiet-pull'] === true ? { quietPull: true } : {}) };
}
