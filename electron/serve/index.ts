export { startServe, type RunningServe, type ServeOptions } from './serve-server';
export { findRendererDir } from './renderer-dir';
export { openBrowser } from './open-browser';
