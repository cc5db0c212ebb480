import { useState } from 'react';
import { useApp } from '../../app-context';
import { LoadingState } from '../common/States';
import { ErrorNote } from '../common/ErrorNote';
import { roundTripText } from '../../../../shared/round-trip';
import { HostCandidates, HostProgress, useHostActions } from './HostControls';
import { formatMemory, useHostList, useHostStatus } from './use-host-status';
import './host.css';

/** The Docker host: where it is, what it is, start/stop where the provider allows, switch. */
export function HostPanel() {
  const client = useApp((s) => s.client);
  const { status, loading, error, unsupported, refresh } = useHostStatus(client);
  const list = useHostList(client);
  const [switching, setSwitching] = useState(false);
  const { action, start, stop, switchTo, clearError } = useHostActions(client, () => {
    refresh();
    if (switching) list.refresh();
  });
  const busy = action.busy !== undefined;
  if (unsupported) return null;
  if (!status) return loading ? <LoadingState label="Asking the Docker engine…" /> : <ErrorNote error={error} />;
  const engine = status.engine;
  return (
    <div className="host-panel">
      <div className="host-line">
        <span className={`badge host-${status.reachable ? 'up' : 'down'}`}>{status.reachable ? 'Running' : 'Not reachable'}</span>{' '}
        <code>{status.host.url || 'no host'}</code> <span className="muted">({status.host.source}{status.host.tls ? ', TLS' : ''})</span>
      </div>
      {engine ? (
        <dl className="host-facts">
          <dt>Engine</dt>
          <dd>
            Docker {engine.version} (API {engine.apiVersion}), {engine.os}/{engine.arch}
          </dd>
          {roundTripText(status) ? (
            <>
              <dt>Round trip</dt>
              <dd data-testid="host-round-trip">{roundTripText(status)}</dd>
            </>
          ) : null}
          {engine.operatingSystem ? (
            <>
              <dt>System</dt>
              <dd>{engine.operatingSystem}</dd>
            </>
          ) : null}
          {engine.cpus !== undefined ? (
            <>
              <dt>CPUs</dt>
              <dd>{engine.cpus}</dd>
            </>
          ) : null}
          {engine.memoryBytes !== undefined ? (
            <>
              <dt>Memory</dt>
              <dd>{formatMemory(engine.memoryBytes)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <ErrorNote error={status.error} />
      <div className="host-buttons">
        {status.provider?.canStart ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void start(status.provider?.name ?? '')}>
            Start {status.provider.title}
          </button>
        ) : null}
        {status.provider?.canStop ? (
          <button type="button" disabled={busy} onClick={() => void stop(status.provider?.name ?? '')}>
            Stop {status.provider.title}
          </button>
        ) : null}
        <button type="button" disabled={busy || loading} onClick={refresh}>
          {loading ? 'Checking…' : 'Check again'}
        </button>
        <button
          type="button"
          disabled={busy}
          aria-expanded={switching}
          onClick={() => {
            if (!switching) list.refresh();
            setSwitching(!switching);
          }}
        >
          Switch host…
        </button>
      </div>
      <HostProgress action={action} onDismiss={clearError} />
      {switching ? (
        <section aria-label="Switch host">
          {list.loading && !list.hosts ? <LoadingState label="Looking for Docker hosts…" /> : null}
          <ErrorNote error={list.error} />
          {list.hosts ? <HostCandidates hosts={list.hosts} busy={busy} onUse={(name) => void switchTo(name)} onStart={(name) => void start(name)} /> : null}
        </section>
      ) : null}
    </div>
  );
}
