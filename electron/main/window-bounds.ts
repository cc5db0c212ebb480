import type { WindowBounds } from '../../shared/contract/settings';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_SIZE = { width: 1280, height: 820 };
const MIN_VISIBLE = 100;

/**
 * Saved window bounds made safe for the displays there are now: a window that would open
 * off-screen (a monitor unplugged) is moved onto the primary display, and it is never
 * larger than the display it lands on.
 */
export function fitBounds(saved: WindowBounds | null, workAreas: Rect[]): Partial<Rect> & { width: number; height: number } {
  const primary = workAreas[0];
  if (!saved) return clampSize(DEFAULT_SIZE, primary);
  const size = { width: saved.width, height: saved.height };
  if (saved.x === undefined || saved.y === undefined) return clampSize(size, primary);
  const rect = { x: saved.x, y: saved.y, ...size };
  const home = workAreas.find((area) => overlap(rect, area) >= MIN_VISIBLE * MIN_VISIBLE);
  if (!home) return clampSize(size, primary);
  const fitted = clampSize(size, home);
  return {
    ...fitted,
    x: Math.min(Math.max(rect.x, home.x), home.x + home.width - fitted.width),
    y: Math.min(Math.max(rect.y, home.y), home.y + home.height - fitted.height),
  };
}

function clampSize(size: { width: number; height: number }, area: Rect | undefined): { width: number; height: number } {
  if (!area) return size;
  return { width: Math.min(size.width, area.width), height: Math.min(size.height, area.height) };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
