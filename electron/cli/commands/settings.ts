import { SlipwayError } from '../../../shared/errors';
import { settingsFile } from '../../core/settings/paths';
import type { Command } from '../command';

/**
 * The settings the desktop app and `slipway serve` share, from the terminal: the same
 * JSON file (settings/paths.ts), read and changed through the same contract calls.
 */
const KEYS: Record<string, 'theme' | 'boolean'> = {
  theme: 'theme',
  startAtLogin: 'boolean',
  closeToTray: 'boolean',
  notifications: 'boolean',
};

function parseValue(key: string, raw: string): string | boolean {
  if (KEYS[key] === 'theme') return raw;
  if (/^(true|on|yes|1)$/i.test(raw)) return true;
  if (/^(false|off|no|0)$/i.test(raw)) return false;
  throw new SlipwayError('invalid_input', `slipway settings set ${key}: "${raw}" is not on or off`, `Use true or false, e.g. \`slipway settings set ${key} false\`.`);
}

export const settingsCommand: Command = {
  name: 'settings',
  summary: "Show or change the settings the desktop app and `slipway serve` share",
  usage: 'slipway settings [path | set KEY VALUE]   (KEY: theme, startAtLogin, closeToTray, notifications)',
  options: {},
  async run(ctx, args) {
    const [verb, key, value, ...extra] = args.positionals;
    if (verb === undefined || verb === 'get' || verb === 'show') {
      const answer = await ctx.core().call('settings.get', {});
      if (!answer.ok) throw new SlipwayError(answer.error.code, answer.error.message, answer.error.hint);
      ctx.out(JSON.stringify(answer.value, null, 2));
      return 0;
    }
    if (verb === 'path') {
      ctx.out(settingsFile(ctx.env));
      return 0;
    }
    if (verb === 'set') {
      if (key === undefined || value === undefined || extra.length > 0) {
        throw new SlipwayError('invalid_input', 'slipway settings set needs a KEY and a VALUE', 'For example: `slipway settings set theme dark`.');
      }
      if (!(key in KEYS)) {
        throw new SlipwayError('invalid_input', `slipway settings set: there is no setting "${key}"`, `Settings you can set: ${Object.keys(KEYS).join(', ')}.`);
      }
      const answer = await ctx.core().call('settings.update', { [key]: parseValue(key, value) });
      if (!answer.ok) {
        const detail = key === 'theme' ? 'Use system, light or dark.' : answer.error.hint;
        throw new SlipwayError(answer.error.code, `slipway settings set ${key}: "${value}" is not a valid value`, detail);
      }
      ctx.out(`${key} = ${JSON.stringify((answer.value as Record<string, unknown>)[key])}`);
      return 0;
    }
    throw new SlipwayError('invalid_input', `slipway settings: unknown action "${verb}"`, 'Use `slipway settings`, `slipway settings path` or `slipway settings set KEY VALUE`.');
  },
};
