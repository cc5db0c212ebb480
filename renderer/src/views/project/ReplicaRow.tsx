import { useStores } from '../../app-context';
import { formatUptime, isLive, portLabel, portLink, replicaWord, stateTone } from '../../store/service-state';
import type { ContainerPort, ContainerState } from '../../store/service-state';

/** Published ports, HTTP ones as links. */
export function PortLinks({ ports }: { ports: ContainerPort[] }) {
  return (
    <>
      {ports.length === 0 ? <span className="muted">—</span> : null}
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
    </>
  );
}

/** The state, ports, uptime and image cells of a service's or a replica's row. */
export function StatusCells({ label, word, ports, uptime, image }: { label: string; word: string; ports: ContainerPort[]; uptime: string; image: string }) {
  return (
    <>
      <td>
        <span className={`state state-${stateTone(word)}`} data-testid={`state-${label}`}>
          {word}
        </span>
      </td>
      <td className="ports">
        <PortLinks ports={ports} />
      </td>
      <td className="uptime">{uptime}</td>
      <td className="image">
        <code>{image}</code>
      </td>
    </>
  );
}

/** One replica of a scaled service (`web-2`): its own state word, ports, uptime, and a shell into it. */
export function ReplicaRow({ service, container, now }: { service: string; container: ContainerState; now: number }) {
  const { app } = useStores();
  const label = `${service}-${container.number}`;
  const word = replicaWord(container);
  const live = isLive(word);
  return (
    <tr className="replica-row" data-replica={label} data-state={word}>
      <th scope="row" className="service-name replica-name">
        {label}
      </th>
      <StatusCells label={label} word={word} ports={container.ports} uptime={live ? formatUptime(container.startedAt, now) : '—'} image={container.image} />
      <td className="actions">
        <button type="button" aria-label={`Shell in ${label}`} disabled={!live} onClick={() => app.getState().openTerminal(service, container.number)}>
          Shell
        </button>
      </td>
    </tr>
  );
}
