/** Replaced at build time by the bundler; "dev" when run from source. */
declare const __SLIPWAY_VERSION__: string | undefined;

export const SLIPWAY_VERSION: string = typeof __SLIPWAY_VERSION__ === 'string' ? __SLIPWAY_VERSION__ : 'dev';
