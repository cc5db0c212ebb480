import { SlipwayError } from '../../../shared/errors';
import type { Command } from '../command';
import { bashCompletion, zshCompletion } from '../completion-script';

/** `slipway completion bash|zsh`: prints a script that completes commands, flags and service names. */
export function completionCommand(all: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'Print a shell completion script (bash or zsh): source <(slipway completion bash)',
    usage: 'slipway completion bash|zsh',
    options: {},
    async run(ctx, args) {
      const shell = args.positionals[0];
      if (shell === 'bash') ctx.stdout.write(bashCompletion(all()));
      else if (shell === 'zsh') ctx.stdout.write(zshCompletion(all()));
      else throw new SlipwayError('usage', shell === undefined ? 'completion: needs a shell' : `completion: no script for shell "${shell}"`, 'Use: slipway completion bash, or slipway completion zsh.');
      return 0;
    },
  };
}
