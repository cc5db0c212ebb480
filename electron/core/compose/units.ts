/** Byte sizes as Compose reads them ("512m", "1.5g", 1024) and prints them: a string of bytes. */

const MULTIPLIER: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Bytes (1024-based units, like docker's RAMInBytes), or undefined when it is not a size. */
function parseBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^(-?\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  return Math.trunc(Number(m[1]) * (MULTIPLIER[unit] ?? 1));
}

/** What `docker compose config --format json` prints for a byte size: "536870912". */
export function bytesText(value: unknown): string | undefined {
  const n = parseBytes(value);
  return n === undefined ? undefined : String(n);
}
