import type { ShareMount } from '../../../../shared/contract/shares';
import { formatBytes } from '../../../../shared/format-bytes';
import { formatLatency } from '../../../../shared/watch-format';
import type { PanelProps } from '../panels';
import { useShares } from './use-shares';

/** Per bind-mounted folder: a bind mount the engine sees, or a synchronized share with its files, bytes, last change and lag. */
export function SharesPanel({ projectId }: PanelProps) {
  const mounts = useShares(projectId);
  if (mounts === undefined) return <p className="muted">Checking which folders reach the engine…</p>;
  if (mounts.length === 0) return <p className="muted">No bind-mounted folders.</p>;
  return (
    <ul className="shares-list" aria-label="File shares">
      {mounts.map((mount) => (
        <li key={`${mount.service}:${mount.target}`} data-share={`${mount.service}:${mount.target}`}>
          <strong>{mount.service}:{mount.target}</strong> <span className="muted">← {mount.source}</span>
          <div className={mount.mode === 'sync' ? 'share-sync' : 'share-bind'}>{shareState(mount)}</div>
          {mount.mode === 'sync' ? <div className="muted">{shareStats(mount)}</div> : null}
          {mount.error ? <div className="watch-failed" role="alert">{mount.error}</div> : null}
        </li>
      ))}
    </ul>
  );
}

function shareState(mount: ShareMount): string {
  if (mount.mode === 'bind') return mount.reaches === true ? 'Bind mount: reaches the engine' : `Bind mount (${mount.reason ?? 'not probed yet'})`;
  return `Synchronized into ${mount.volume ?? 'a project volume'}: ${mount.why === 'asked' ? 'x-slipway.sync' : (mount.reason ?? 'the engine cannot see the folder')}`;
}

function shareStats(mount: ShareMount): string {
  const parts = [
    mount.files !== undefined ? `${mount.files} entries, ${formatBytes(mount.bytes ?? 0)}` : 'not filled yet (up fills it)',
    mount.lastChangeAt !== undefined ? `last change ${new Date(mount.lastChangeAt).toLocaleTimeString()}` : '',
    mount.lagMs !== undefined ? `lag ${formatLatency(mount.lagMs)}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}
