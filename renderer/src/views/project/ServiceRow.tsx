import { useApp, useStores } from '../../app-context';
import { formatUptime, isLive, stateWord } from '../../store/service-state';
import type { ContainerPort } from '../../store/service-state';
import { ErrorNote } from '../common/ErrorNote';
import { ReplicaRow, StatusCells } from './ReplicaRow';

/** One service: its state word, ports (links for HTTP), uptime, image and actions; a scaled one, a row per replica under it. */
export function ServiceRow({ service, now, dependsOn, modelImage, modelPorts }: { service: string; now: number; dependsOn: string[]; modelImage?: string; modelPorts: ContainerPort[] }) {
  const state = useApp((s) => s.services[service]);
  const busy = useApp((s) => s.serviceBusy[service]);
  const error = useApp((s) => s.serviceErrors[service]);
  const act = useApp((s) => s.serviceAction);
  const { app } = useStores();
  const word = stateWord(state);
  const container = state?.containers[0];
  const ports = container && container.ports.length > 0 ? container.ports : modelPorts;
  const running = isLive(word);
  const replicas = state && state.containers.length > 1 ? state.containers : [];
  return (
    <>
      <tr data-service={service} data-state={word}>
        <th scope="row" className="service-name">
          {service}
          {dependsOn.length > 0 ? <span className="depends-on">after {dependsOn.join(', ')}</span> : null}
          {replicas.length > 0 ? <span className="replica-count">{replicas.length} replicas</span> : null}
        </th>
        <StatusCells label={service} word={word} ports={ports} uptime={running ? formatUptime(container?.startedAt, now) : '—'} image={container?.image ?? modelImage ?? '—'} />
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
          {busy ? <span className="row-busy" role="status">{busy}…</span> : null}
        </td>
      </tr>
      {replicas.map((c) => <ReplicaRow key={c.id} service={service} container={c} now={now} />)}
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
