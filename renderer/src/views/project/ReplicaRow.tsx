import { useApp, useStores } from '../../app-context';
import { formatUptime, isLive, replicaWord } from '../../store/service-state';
import type { ContainerState } from '../../store/service-state';
import { ErrorRow, LifecycleButtons, ShellAndBusy, StatusCells } from './row-parts';

/** One replica of a scaled service (`web-2`): its own state word, ports, uptime; start, stop, restart and a shell for it alone. */
export function ReplicaRow({ service, container, now }: { service: string; container: ContainerState; now: number }) {
  const { app } = useStores();
  const label = `${service}-${container.number}`;
  const busy = useApp((s) => s.serviceBusy[label]);
  const error = useApp((s) => s.serviceErrors[label]);
  const act = useApp((s) => s.serviceAction);
  const word = replicaWord(container);
  const live = isLive(word);
  return (
    <>
      <tr className="replica-row" data-replica={label} data-state={word}>
        <th scope="row" className="service-name replica-name">
          {label}
        </th>
        <StatusCells label={label} word={word} ports={container.ports} uptime={live ? formatUptime(container.startedAt, now) : '—'} image={container.image} />
        <td className="resources" />
        <td className="actions">
          <LifecycleButtons label={label} busy={busy} live={live} act={(action) => void act(service, action, container.number)} />
          <ShellAndBusy label={label} live={live} open={() => app.getState().openTerminal(service, container.number)} busy={busy} />
        </td>
      </tr>
      <ErrorRow error={error} />
    </>
  );
}
