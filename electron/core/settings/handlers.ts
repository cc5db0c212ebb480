import type { PartialHandlers } from '../api/handlers';
import type { CoreEvents } from '../events';
import type { SettingsService } from './settings-service';

export function settingsHandlers(settings: SettingsService, events: CoreEvents): PartialHandlers<'settings.get' | 'settings.update' | 'settings.path'> {
  settings.onChange((next) => events.emit('settings.changed', next));
  return {
    'settings.get': async () => settings.get(),
    'settings.update': async (input) => settings.update(input),
    'settings.path': async () => ({ file: settings.location }),
  };
}
