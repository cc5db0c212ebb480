export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** Is the engine on this machine (a socket, a pipe, or tcp on loopback)? */
export function isLocalEngine(url: string): boolean {
  if (url.startsWith('unix://') || url.startsWith('npipe://')) return true;
  return /^tcp:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|$)/.test(url);
}
