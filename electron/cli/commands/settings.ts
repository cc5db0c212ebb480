import { SlipwayError, toErrorInfo } from '../../../shared/errors';
import type { Command } from '../command';

/**
 * The settings the desktop app and `slipway serve` share, from the terminal: the same
 * JSON file, read and changed through the same contract calls.
 */
const KEYS = {
  theme: 'theme',
  startAtLogin: 'boolean',
  closeToTray: 'boolean',
  notifications: 'boolean',
  serviceUrlsPort: 'port',
} as const;
type SettingKey = keyof typeof KEYS;

function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(KEYS, key);
}

function parseValue(key: SettingKey, raw: string): string | boolean | number | null {
  if (KEYS[key] === 'theme') return raw;
  if (KEYS[key] === 'port') {
    if (/^(none|null|auto)$/i.test(raw)) return null;
    if (/^\d{1,5}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 65535) return Number(raw);
    throw new SlipwayError('invalid_input', `slipway settings set ${key}: "${raw}" is not a port`, `Use a port from 1 to 65535, or auto to let Slipway choose one, e.g. \`slipway settings set ${key} 7380\`.`);
  }
  if (/^(true|on|yes|1)$/i.test(raw)) return true;
  if (/^(false|off|no|0)$/i.test(raw)) return false;
  throw new SlipwayError('invalid_input', `slipway settings set ${key}: "${raw}" is not on or off`, `Use true or false, e.g. \`slipway settings set ${key} false\`.`);
}

export const settingsCommand: Command = {
  name: 'settings',
  summary: "Show or change the settings the desktop app and `slipway serve` share",
  usage: 'slipway settings [path | set KEY VALUE]   (KEY: theme, startAtLogin, closeToTray, notifications, serviceUrlsPort)',
  options: {},
  async run(ctx, args) {
    const [verb, key, value, ...extra] = args.positionals;
    if (verb === undefined || verb === 'get' || verb === 'show') {
      ctx.out(JSON.stringify(await ctx.client().call('settings.get', {}), null, 2));
      return 0;
    }
    if (verb === 'path') {
      ctx.out((await ctx.client().call('settings.path', {})).file);
      return 0;
    }
    if (verb === 'set') {
      if (key === undefined || value === undefined || extra.length > 0) {
        throw new SlipwayError('invalid_input', 'slipway settings set needs a KEY and a VALUE', 'For example: `slipway settings set theme dark`.');
      }
      if (!isSettingKey(key)) {
        throw new SlipwayError('invalid_input', `slipway settings set: there is no setting "${key}"`, `Settings you can set: ${Object.keys(KEYS).join(', ')}.`);
      }
      const settings = await ctx.client().call('settings.update', { [key]: parseValue(key, value) }).catch((error: unknown) => {
        const info = toErrorInfo(error);
        throw new SlipwayError(info.code, `slipway settings set ${key}: "${value}" is not a valid value`, key === 'theme' ? 'Use system, light or dark.' : info.hint);
      });
      ctx.out(`${key} = ${JSON.stringify(settings[key])}`);
      return 0;
    }
    throw new SlipwayError('invalid_input', `slipway settings: unknown action "${verb}"`, 'Use `slipway settings`, `slipway settings path` or `slipway settings set KEY VALUE`.');
  },
};
