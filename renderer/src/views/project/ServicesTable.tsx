import { useEffect, useState } from 'react';
import { useApp } from '../../app-context';
import type { ContainerPort } from '../../store/service-state';
import { ErrorNote } from '../common/ErrorNote';
import { EmptyState, LoadingState } from '../common/States';
import { ServiceRow } from './ServiceRow';
import { useServiceUrls } from './use-service-urls';
import { StatsStoreContext } from '../../stats/ResourceCell';
import { ResourcesPanel } from '../../stats/ResourcesPanel';
import { useLiveStats } from '../../stats/use-live-stats';

/** Every service of the project in an HTML table, live from the state feed. */
export function ServicesTable() {
  const names = useApp((s) => s.projects.find((p) => p.projectId === s.currentId)?.services);
  const loaded = useApp((s) => s.servicesLoaded);
  const error = useApp((s) => s.servicesError);
  const detail = useApp((s) => s.detail);
  const now = useNow(1000);
  const addresses = useServiceUrls();
  const stats = useLiveStats(useApp((s) => s.client), useApp((s) => s.currentId));
  if (!names) return null;
  if (names.length === 0) return <EmptyState title="This project has no services">Add a service to its compose file, then reload.</EmptyState>;
  return (
    <section className="services" aria-label="Services">
      <ErrorNote error={error} />
      {!loaded ? <LoadingState label="Reading the services' state…" /> : null}
      <table className="services-table">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">State</th>
            <th scope="col">Ports</th>
            <th scope="col">Uptime</th>
            <th scope="col">Image</th>
            <th scope="col">CPU · Memory</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          <StatsStoreContext.Provider value={stats}>
          {names.map((name) => {
            const model = (detail?.model.services as Record<string, { image?: string; ports?: { target: number; published?: string; host_ip?: string; protocol?: string }[] }> | undefined)?.[name];
            return <ServiceRow key={name} service={name} now={now} dependsOn={detail?.dependencies[name] ?? []} modelImage={model?.image} modelPorts={modelPorts(model?.ports)} addresses={addresses.get(name) ?? []} />;
          })}
          </StatsStoreContext.Provider>
        </tbody>
      </table>
      <ResourcesPanel store={stats} />
    </section>
  );
}

function modelPorts(ports: { target: number; published?: string; host_ip?: string; protocol?: string }[] | undefined): ContainerPort[] {
  return (ports ?? []).map((p) => ({
    target: p.target,
    protocol: p.protocol ?? 'tcp',
    ...(p.published && /^\d+$/.test(p.published) ? { published: Number(p.published) } : {}),
    ...(p.host_ip ? { hostIp: p.host_ip } : {}),
  }));
}

/**
 * The time, refreshed every `ms` while the page is visible (for uptimes). A hidden
 * window or tab does no work at all: idle means idle.
 */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const sync = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (document.visibilityState === 'hidden') return;
      setNow(Date.now());
      timer = setInterval(() => setNow(Date.now()), ms);
    };
    sync();
    document.addEventListener('visibilitychange', sync);
    return () => {
      document.removeEventListener('visibilitychange', sync);
      if (timer !== undefined) clearInterval(timer);
    };
  }, [ms]);
  return now;
}
