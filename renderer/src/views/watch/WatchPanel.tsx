import { describeReload, execOutputLines, formatLatency } from '../../../../shared/watch-format';
import type { WatchReload } from '../../../../shared/contract/watch';
import { ErrorNote } from '../common/ErrorNote';
import { LiveFileEntries } from '../livefile/LiveFileEntries';
import type { PanelProps } from '../panels';
import { useWatch } from './use-watch';
import './watch.css';

/** A watch switch for the project and, per watched service, its last reloads. */
export function WatchPanel({ projectId }: PanelProps) {
  const { state, reloads, busy, error, toggle, dismissError } = useWatch(projectId);
  const watching = state?.watching === true;
  const services = [...new Set([...(state?.services ?? []), ...Object.keys(reloads)])].sort();
  return (
    <div className="watch-panel">
      <label className="watch-toggle">
        <input type="checkbox" role="switch" aria-label="Watch files" checked={watching} disabled={busy} onChange={() => void toggle()} />
        <span>{watching ? 'Watching files' : 'Watch files'}</span>
        {watching && state?.readyMs !== undefined ? <span className="muted"> · ready in {formatLatency(state.readyMs)}</span> : null}
      </label>
      <ErrorNote error={error} onDismiss={dismissError} />
      {[...new Set(state?.warnings ?? [])].map((warning) => (
        <p key={warning} className="muted watch-warning" role="note">
          warning: {warning}
        </p>
      ))}
      {state?.error ? <ErrorNote error={{ code: 'watch', ...state.error }} /> : null}
      <LiveFileEntries projectId={projectId} />
      {services.length === 0 ? (
        <p className="muted">{watching ? 'No reload yet: save a file.' : 'Reloads appear here while watching (develop.watch in the compose file).'}</p>
      ) : (
        <ul className="watch-services">
          {services.map((service) => (
            <ServiceReloads key={service} service={service} reloads={reloads[service] ?? []} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ServiceReloads({ service, reloads }: { service: string; reloads: WatchReload[] }) {
  const [last, ...earlier] = reloads;
  return (
    <li className="watch-service" data-service={service}>
      <div className="watch-service-line">
        <strong>{service}</strong>{' '}
        {last ? (
          <span className={last.ok ? 'watch-ok' : 'watch-failed'} data-testid={`watch-last-${service}`}>
            {last.ok ? `reloaded in ${formatLatency(last.latencyMs)}` : 'reload failed'}
          </span>
        ) : (
          <span className="muted">no reload yet</span>
        )}
      </div>
      {last ? <div className="watch-detail muted" title={last.files.join('\n')}>{describeReload(last)}</div> : null}
      {last && !last.ok && last.error ? <ErrorNote error={{ code: 'watch_reload', ...last.error }} /> : null}
      {last?.exec?.map((exec) => (
        <pre key={exec.container} className="watch-exec" aria-label={`Output of ${exec.command.join(' ')} in ${exec.container}`}>
          {execOutputLines(exec).join('\n')}
        </pre>
      ))}
      {earlier.length > 0 ? (
        <ol className="watch-history muted" aria-label={`Earlier reloads of ${service}`}>
          {earlier.map((r) => (
            <li key={`${r.at}-${r.action}`}>{describeReload(r)}</li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}
