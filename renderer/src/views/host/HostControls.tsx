import { useState } from 'react';
import type { SlipwayClient } from '../../../../shared/client';
import type { HostCandidate } from '../../../../shared/contract/host';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/errors';
import { ErrorNote } from '../common/ErrorNote';

export interface HostAction {
  busy?: string;
  progress?: string;
  error?: ErrorInfo;
}

/** Start/stop a host as a task, with its progress; switch to a host. Errors stay on screen. */
export function useHostActions(client: SlipwayClient, after: () => void) {
  const [action, setAction] = useState<HostAction>({});
  const lifecycle = async (verb: 'start' | 'stop', name: string): Promise<boolean> => {
    setAction({ busy: `${verb}:${name}`, progress: `${verb === 'start' ? 'Starting' : 'Stopping'} ${name}…` });
    const done = await settle(client.runTask(verb === 'start' ? 'host.start' : 'host.stop', { name }, (progress) => setAction((a) => ({ ...a, progress: progress.message }))));
    setAction(done);
    after();
    return done.error === undefined;
  };
  const switchTo = async (name: string): Promise<boolean> => {
    setAction({ busy: `switch:${name}`, progress: `Switching to ${name}…` });
    const done = await settle(client.call('host.switch', { name }));
    setAction(done);
    after();
    return done.error === undefined;
  };
  return { action, start: (name: string) => lifecycle('start', name), stop: (name: string) => lifecycle('stop', name), switchTo, clearError: () => setAction({}) };
}

/** Nothing when the work succeeded, its error when it failed. */
async function settle(work: Promise<unknown>): Promise<HostAction> {
  try {
    await work;
    return {};
  } catch (error) {
    return { error: toErrorInfo(error) };
  }
}

export function HostProgress({ action, onDismiss }: { action: HostAction; onDismiss: () => void }) {
  return (
    <>
      {action.busy ? (
        <div className="state-loading" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {action.progress}
        </div>
      ) : null}
      <ErrorNote error={action.error} onDismiss={onDismiss} />
    </>
  );
}

/** Candidate hosts with Use and Start buttons. */
export function HostCandidates({ hosts, busy, onUse, onStart }: { hosts: HostCandidate[]; busy: boolean; onUse(name: string): void; onStart(name: string): void }) {
  if (hosts.length === 0) return <p className="muted">No Docker host found on this machine. Install Docker Engine (Linux) or Colima, Docker Desktop or OrbStack (macOS).</p>;
  return (
    <ul className="host-candidates" aria-label="Docker hosts">
      {hosts.map((h) => (
        <li key={h.name} className={h.current ? 'current' : undefined}>
          <span className={`badge host-${h.state === 'running' ? 'up' : h.state === 'starting' ? 'connecting' : 'down'}`}>{h.state}</span>{' '}
          <strong>{h.title}</strong> {h.url ? <code>{h.url}</code> : null} {h.current ? <em className="muted">in use</em> : null}
          {h.detail ? <div className="muted">{h.detail}</div> : null}
          {!h.canStart && h.state !== 'running' && h.startCommand ? (
            <div>
              <span className="muted">Start it yourself: </span>
              <code>{h.startCommand}</code>
            </div>
          ) : null}
          <span className="host-candidate-actions">
            {h.canStart ? (
              <button type="button" disabled={busy} onClick={() => onStart(h.name)}>
                Start
              </button>
            ) : null}
            {!h.current && h.url && h.state === 'running' ? (
              <button type="button" disabled={busy} onClick={() => onUse(h.name)}>
                Use
              </button>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
