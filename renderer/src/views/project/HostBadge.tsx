import { useApp } from '../../app-context';

const LABEL = { unknown: 'Host: checking…', up: 'Host: connected', down: 'Host: unreachable', connecting: 'Host: reconnecting…' } as const;

/** The Docker host as the state feed sees it. */
export function HostBadge() {
  const host = useApp((s) => s.host);
  return (
    <span className={`badge host-${host.status}`} role="status" title={host.message ?? ''} data-testid="host-status">
      {LABEL[host.status]}
      {host.status === 'down' && host.message ? <span className="badge-detail"> — {host.message}</span> : null}
    </span>
  );
}
