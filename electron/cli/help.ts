import { commands } from './registry';

export function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = [
    'Usage: slipway [GLOBAL FLAGS] COMMAND [ARGS...]',
    '',
    'Run your Compose project: ordered, health-gated up; logs; live reload; build and push.',
    '',
    'Global flags (as in docker compose):',
    '  -f, --file FILE              Compose file (repeatable; default: discovered, or COMPOSE_FILE)',
    '  -p, --project-name NAME      Project name (default: COMPOSE_PROJECT_NAME, name:, the folder)',
    '      --profile NAME           Enable a profile (repeatable; default: COMPOSE_PROFILES)',
    '      --env-file FILE          Environment file (repeatable; default: .env)',
    '      --project-directory DIR  Project directory (default: the first compose file\'s folder)',
    '  -H, --host URL               Docker host (default: DOCKER_HOST, the current context, the local socket)',
    '      --ansi never|always|auto When to print ANSI colour and control characters (default: auto, or COMPOSE_ANSI)',
    '      --no-color               No colour in output (as --ansi never; NO_COLOR=1 too; FORCE_COLOR=1 forces it)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `slipway COMMAND --help` for a command\'s flags.',
  ];
  return lines.join('\n');
}
