import { useApp, useStores } from '../../app-context';
import { formatUptime, isLive, stateWord } from '../../store/service-state';
import type { ContainerPort } from '../../store/service-state';
import { ReplicaRow } from './ReplicaRow';
import type { ServiceUrl } from '../../../../shared/contract/proxy';
import { OpenInButtons } from './OpenInButtons';
import { ErrorRow, LifecycleButtons, ShellAndBusy, StatusCells } from './row-parts';
import { ResourceCell } from '../../stats/ResourceCell';

/** One service: its state word, ports (links for HTTP), uptime, image and actions; a scaled one, a row per replica under it. */
export function ServiceRow({ service, now, dependsOn, modelImage, modelPorts, addresses = [] }: { service: string; now: number; dependsOn: string[]; modelImage?: string; modelPorts: ContainerPort[]; addresses?: ServiceUrl[] }) {
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
        <StatusCells label={service} word={word} ports={ports} uptime={running ? formatUptime(container?.startedAt, now) : '—'} image={container?.image ?? modelImage ?? '—'} addresses={addresses} />
        <ResourceCell service={service} />
        <td className="actions">
          <LifecycleButtons label={service} busy={busy} live={running} act={(action) => void act(service, action)} />
          <button type="button" aria-label={`Logs of ${service}`} onClick={() => app.getState().showLogs(service)}>
            Logs
          </button>
          <OpenInButtons service={service} running={running} />
          <ShellAndBusy label={service} live={running} open={() => app.getState().openTerminal(service)} busy={busy} />
        </td>
      </tr>
      <ErrorRow error={error} />
      {replicas.map((c) => <ReplicaRow key={c.id} service={service} container={c} now={now} />)}
    </>
  );
}
