import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bashCompletion, zshCompletion } from '../../../../electron/cli/completion-script';
import { commands } from '../../../../electron/cli/registry';

/**
 * Runs the generated bash function for the words typed so far (the last one is being
 * completed) and answers COMPREPLY. `slipway` is a stand-in answering `config --services`
 * with "web worker db".
 */
function complete(typed: string[]): { replies: string[] } {
  const script = `${bashCompletion(commands)}
slipway() { printf 'web\\nworker\\ndb\\n'; }
COMP_WORDS=(${typed.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${typed.length - 1}
_slipway
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = execFileSync('bash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { replies: result.split('\n').filter((l) => l !== '') };
}

describe('shell completion', () => {
  it('bash loads the script and registers the function for slipway', () => {
    const out = execFileSync('bash', ['-c', `source /dev/stdin <<'EOS'\n${bashCompletion(commands)}\nEOS\ncomplete -p slipway`], { encoding: 'utf8' });
    expect(out.trim()).toBe('complete -F _slipway slipway');
  });

  it('completes a command name', () => {
    expect(complete(['slipway', 'do']).replies).toEqual(['doctor', 'down']);
    expect(complete(['slipway', '-p', 'demo', 'wa']).replies).toContain('watch');
  });

  it('completes service names for a command that takes them, from config --services', () => {
    expect(complete(['slipway', 'logs', 'w']).replies).toEqual(['web', 'worker']);
    expect(complete(['slipway', 'up', '-d', 'd']).replies).toEqual(['db']);
  });

  it('passes the global project flags typed so far to config --services', () => {
    const script = `${bashCompletion(commands)}
slipway() { echo "$*"; }
COMP_WORDS=(slipway -f other.yaml -p demo logs '')
COMP_CWORD=6
_slipway
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(out.split('\n')).toContain('-f');
    expect(out).toContain('other.yaml');
    expect(out.split('\n')).toContain('config');
  });

  it('completes a command’s flags and the global flags', () => {
    expect(complete(['slipway', 'up', '--no-s']).replies).toEqual(['--no-start']);
    expect(complete(['slipway', '--pro']).replies).toEqual(['--project-name', '--profile', '--project-directory']);
  });

  it('offers no service names to a command without services', () => {
    expect(complete(['slipway', 'version', '']).replies).toEqual([]);
  });

  it('zsh gets the same function through bashcompinit', () => {
    const zsh = zshCompletion(commands);
    expect(zsh.startsWith('#compdef slipway\n')).toBe(true);
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain('complete -F _slipway slipway');
  });
});
