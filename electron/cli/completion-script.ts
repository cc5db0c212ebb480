import type { Command } from './command';
import { GLOBAL_FLAGS_WITH_VALUE } from './global-options';

/** Global flags that take no value. */
const GLOBAL_SWITCHES = ['-h', '--help', '-v', '--version', '--no-color', '--no-ansi'];

/** A command's flags as typed: `--name` and `-x` for each option, and -h/--help. */
export function commandFlags(command: Pick<Command, 'options'>): string[] {
  const flags: string[] = [];
  for (const [name, option] of Object.entries(command.options)) {
    flags.push(`--${name}`);
    if (option.short !== undefined) flags.push(`-${option.short}`);
  }
  return [...flags, '-h', '--help'];
}

/** Commands whose positionals are service names: their usage says SERVICE. */
export function takesServices(command: Pick<Command, 'usage'>): boolean {
  return /\bSERVICE\b/.test(command.usage);
}

/** A bash word list, single-quoted (flags and names never hold a quote, but be safe). */
const words = (list: readonly string[]): string => `'${list.join(' ').replace(/'/g, '')}'`;

/**
 * The bash completion function for `slipway`: commands, each command's flags, global flags,
 * and service names (from `slipway [-f F] [-p P] config --services`, with the global flags
 * typed so far, as Compose's completion loads the project).
 */
export function bashCompletion(commands: readonly Command[]): string {
  const cases = commands
    .map((c) => `    ${c.name}) flags=${words(commandFlags(c))}; services=${takesServices(c) ? 1 : 0} ;;`)
    .join('\n');
  const globalsWithValue = Object.keys(GLOBAL_FLAGS_WITH_VALUE);
  return `# bash completion for slipway (load it with: source <(slipway completion bash))
_slipway() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local prev=""
  if [[ $COMP_CWORD -gt 0 ]]; then prev="\${COMP_WORDS[COMP_CWORD-1]}"; fi
  local globals_with_value=${words(globalsWithValue)}
  local global_flags=${words([...globalsWithValue, ...GLOBAL_SWITCHES])}
  local commands=${words(commands.map((c) => c.name))}
  local cmd="" i w
  local -a project_args=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ " $globals_with_value " == *" $w "* ]]; then
      project_args+=("$w" "\${COMP_WORDS[i+1]}")
      ((i++))
      continue
    fi
    if [[ "$w" == -* ]]; then continue; fi
    cmd="$w"
    break
  done
  COMPREPLY=()
  if [[ -z "$cmd" ]]; then
    if [[ " $globals_with_value " == *" $prev "* ]]; then
      COMPREPLY=($(compgen -f -- "$cur"))
    elif [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "$global_flags" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
    return 0
  fi
  local flags="" services=0
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [[ $services -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" "\${project_args[@]}" config --services 2>/dev/null)" -- "$cur"))
  fi
  return 0
}
complete -F _slipway slipway
`;
}

/** zsh: the same function through zsh's bash completion layer (bashcompinit), so both shells complete alike. */
export function zshCompletion(commands: readonly Command[]): string {
  return `#compdef slipway
# zsh completion for slipway (load it with: source <(slipway completion zsh))
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(commands)}`;
}
