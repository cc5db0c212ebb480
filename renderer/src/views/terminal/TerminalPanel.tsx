import { useEffect, useRef, useState } from 'react';
import { useStores } from '../../app-context';
import type { ErrorInfo } from '../../../../shared/errors';
import { ErrorNote } from '../common/ErrorNote';

/** A shell in a service's container (replica `index`, default the first): xterm.js over exec with a TTY, resized with the panel. */
export function TerminalPanel({ projectId, service, index }: { projectId: string; service: string; index?: number }) {
  const { app } = useStores();
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [status, setStatus] = useState<'connecting' | 'open' | 'exited'>('connecting');
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let detach: (() => void) | undefined;
    let cancelled = false;
    // xterm.js loads on first use: the dashboard starts without it.
    void import('./attach-terminal').then(({ attachTerminal }) => {
      if (cancelled) return;
      detach = attachTerminal(element, app.getState().client, { projectId, service, ...(index !== undefined ? { index } : {}) }, {
        onOpen: () => setStatus('open'),
        onExit: () => setStatus('exited'),
        onError: setError,
      });
    });
    return () => {
      cancelled = true;
      detach?.();
    };
  }, [app, projectId, service, index]);
  const title = index !== undefined ? `${service}-${index}` : service;
  return (
    <section className="terminal" aria-label={`Terminal in ${title}`}>
      <div className="terminal-bar">
        <h2>Shell: {title}</h2>
        <span className="muted" role="status">
          {status === 'connecting' ? 'Connecting…' : status === 'exited' ? 'Exited' : 'Connected'}
        </span>
        <button type="button" aria-label="Close terminal" onClick={() => app.getState().openTerminal(undefined)}>
          Close
        </button>
      </div>
      <ErrorNote error={error} />
      <div className="terminal-host" ref={host} data-testid="terminal" />
    </section>
  );
}
