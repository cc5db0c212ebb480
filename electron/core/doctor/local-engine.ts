/** Is the engine on this machine (a socket, a pipe, or tcp on loopback)? */
export function isLocalEngine(url: string): boolean {
  if (url.startsWith('unix://') || url.startsWith('npipe://')) return true;
  return /^tcp:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|$)/.test(url);
}
