import { useApp, useStores } from '../../app-context';
import { formatUptime, portLabel, portLink, stateTone, stateWord } from '../../store/service-state';
import type { ContainerPort } from '../../store/service-state';
import type { ServiceUrl } from '../../../../shared/contract/proxy';
import { ErrorNote } from '../common/ErrorNote';
import { OpenInButtons } from './OpenInButtons';

/** One service: its state word, ports (links for HTTP), uptime, image and actions. */
export function ServiceRow({ service, now, dependsOn, modelImage, modelPorts, addresses = [] }: { service: string; now: number; dependsOn: string[]; modelImage?: string; modelPorts: ContainerPort[]; addresses?: ServiceUrl[] }) {
  const state = useApp((s) => s.services[service]);
  const busy = useApp((s) => s.serviceBusy[service]);
  const error = useApp((s) => s.serviceErrors[service]);
  const act = useApp((s) => s.serviceAction);
  const { app } = useStores();
  const word = stateWord(state);
  const container = state?.containers[0];
  const ports = container && container.ports.length > 0 ? container.ports : modelPorts;
  const running = word === 'running' || word === 'healthy' || word === 'starting' || word === 'unhealthy';
  return (
    <>
      <tr data-service={service} data-state={word}>
        <th scope="row" className="service-name">
          {service}
          {dependsOn.length > 0 ? <span className="depends-on">after {dependsOn.join(', ')}</span> : null}
        </th>
        <td>
          <span className={`state state-${stateTone(word)}`} data-testid={`state-${service}`}>
            {word}
          </span>
        </td>
        <td className="ports">
          {ports.length === 0 ? <span className="muted">—</span> : null}
          {addresses.map((address) => (
            <a key={address.url} className="service-address" href={address.url} target="_blank" rel="noreferrer noopener" title={`Port ${address.containerPort} of ${service}, through Slipway's service proxy`}>
              {new URL(address.url).host}
            </a>
          ))}
          {ports.map((p) => {
            const href = portLink(p);
            const label = portLabel(p);
            return href ? (
              <a key={label} href={href} target="_blank" rel="noreferrer noopener">
                {label}
              </a>
            ) : (
              <span key={label}>{label}</span>
            );
          })}
        </td>
        <td className="uptime">{running ? formatUptime(container?.startedAt, now) : '—'}</td>
        <td className="image">
          <code>{container?.image ?? modelImage ?? '—'}</code>
        </td>
        <td className="actions">
          <button type="button" aria-label={`Start ${service}`} disabled={busy !== undefined || running} onClick={() => void act(service, 'start')}>
            Start
          </button>
          <button type="button" aria-label={`Stop ${service}`} disabled={busy !== undefined || !running} onClick={() => void act(service, 'stop')}>
            Stop
          </button>
          <button type="button" aria-label={`Restart ${service}`} disabled={busy !== undefined} onClick={() => void act(service, 'restart')}>
            Restart
          </button>
          <button type="button" aria-label={`Logs of ${service}`} onClick={() => app.getState().showLogs(service)}>
            Logs
          </button>
          <button type="button" aria-label={`Shell in ${service}`} disabled={!running} onClick={() => app.getState().openTerminal(service)}>
            Shell
          </button>
          <OpenInButtons service={service} running={running} />
          {busy ? <span className="row-busy" role="status">{busy}…</span> : null}
        </td>
      </tr>
      {error ? (
        <tr className="row-error">
          <td colSpan={6}>
            <ErrorNote error={error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
