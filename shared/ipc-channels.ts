/** Channel names of the Electron bridge (main ⇄ preload). Pure constants. */
export const CALL_CHANNEL_PREFIX = 'slipway:call:';
export const EVENT_CHANNEL = 'slipway:event';
export const PICK_FOLDER_CHANNEL = 'slipway:desktop:pick-folder';
/** Preload command-line switches carrying the contract's call and event names. */
export const CALLS_SWITCH = '--slipway-calls=';
export const EVENTS_SWITCH = '--slipway-events=';
export const PLATFORM_SWITCH = '--slipway-platform=';
