import path from 'node:path';
import type { ShareStatus } from '../../shared/contract/shares';
import { formatBytes } from '../../shared/format-bytes';

/**
 * One line per synchronized share after `up` (bind mounts that reach the engine say
 * nothing): `Share web:/www ← ./www synchronized (…why…): 12 entries, 3.4 KiB`.
 */
export function shareLines(status: ShareStatus, workingDir: string): string[] {
  return status.mounts.filter((m) => m.mode === 'sync').map((m) => {
    const relative = path.relative(workingDir, m.source);
    const source = relative === '' ? '.' : relative.startsWith('..') ? m.source : `./${relative}`;
    const why = m.why === 'asked' ? 'x-slipway.sync' : (m.reason ?? 'the engine cannot see the folder');
    const size = m.files !== undefined ? `: ${m.files} entries, ${formatBytes(m.bytes ?? 0)}` : '';
    return `Share ${m.service}:${m.target} ← ${source} synchronized (${why})${size}${m.error ? ` — ${m.error}` : ''}`;
  });
}
