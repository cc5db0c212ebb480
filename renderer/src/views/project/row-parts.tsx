import type { ServiceUrl } from '../../../../shared/contract/proxy';
import type { ErrorInfo } from '../../../../shared/errors';
import { portLabel, portLink, stateTone } from '../../store/service-state';
import type { ContainerPort } from '../../store/service-state';
import type { ServiceAction } from '../../store/types';
import { ErrorNote } from '../common/ErrorNote';

/** The pieces a service row and a replica row share. */

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

/** The service's addresses through Slipway's service proxy (http://SERVICE.PROJECT.localhost:PORT/). */
function AddressLinks({ label, addresses }: { label: string; addresses: ServiceUrl[] }) {
  return (
    <>
      {addresses.map((address) => (
        <a key={address.url} className="service-address" href={address.url} target="_blank" rel="noreferrer noopener" title={`Port ${address.containerPort} of ${label}, through Slipway's service proxy`}>
          {new URL(address.url).host}
        </a>
      ))}
    </>
  );
}

/** The state, ports, uptime and image cells of a service's or a replica's row. */
export function StatusCells({ label, word, ports, uptime, image, addresses = [] }: { label: string; word: string; ports: ContainerPort[]; uptime: string; image: string; addresses?: ServiceUrl[] }) {
  return (
    <>
      <td>
        <span className={`state state-${stateTone(word)}`} data-testid={`state-${label}`}>
          {word}
        </span>
      </td>
      <td className="ports">
        <AddressLinks label={label} addresses={addresses} />
        <PortLinks ports={ports} />
      </td>
      <td className="uptime">{uptime}</td>
      <td className="image">
        <code>{image}</code>
      </td>
    </>
  );
}

/** Start, Stop and Restart for a service or one replica (`label` names it for screen readers). */
export function LifecycleButtons({ label, busy, live, act }: { label: string; busy: ServiceAction | undefined; live: boolean; act: (action: ServiceAction) => void }) {
  return (
    <>
      <button type="button" aria-label={`Start ${label}`} disabled={busy !== undefined || live} onClick={() => act('start')}>
        Start
      </button>
      <button type="button" aria-label={`Stop ${label}`} disabled={busy !== undefined || !live} onClick={() => act('stop')}>
        Stop
      </button>
      <button type="button" aria-label={`Restart ${label}`} disabled={busy !== undefined} onClick={() => act('restart')}>
        Restart
      </button>
    </>
  );
}

/** The row under a service or replica that says what its last action failed with. */
export function ErrorRow({ error }: { error: ErrorInfo | undefined }) {
  if (!error) return null;
  return (
    <tr className="row-error">
      <td colSpan={7}>
        <ErrorNote error={error} />
      </td>
    </tr>
  );
}

/** A shell into the service's (or replica's) container, while it runs; then what the row is busy with. */
export function ShellAndBusy({ label, live, open, busy }: { label: string; live: boolean; open: () => void; busy: ServiceAction | undefined }) {
  return (
    <>
      <button type="button" aria-label={`Shell in ${label}`} disabled={!live} onClick={open}>
        Shell
      </button>
      {busy ? <span className="row-busy" role="status">{busy}…</span> : null}
    </>
  );
}
