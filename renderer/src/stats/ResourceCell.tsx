import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { bytesSize, percent } from '../../../shared/docker-units';
import { Sparkline, cpuScale, memoryScale } from './Sparkline';
import type { StatsStore } from './stats-store';

/** The live stats of the services table (ServicesTable provides it). */
export const StatsStoreContext = createContext<StatsStore | undefined>(undefined);

/** A service's CPU and memory sparklines with their current values; a click opens the larger chart. */
export function ResourceCell({ service }: { service: string }) {
  const store = useContext(StatsStoreContext);
  if (!store) return <td className="resources" />;
  return <ResourceCellOf store={store} service={service} />;
}

function ResourceCellOf({ store, service }: { store: StatsStore; service: string }) {
  const history = useStore(store, (s) => s.services[service]);
  const showChart = useStore(store, (s) => s.showChart);
  const open = useStore(store, (s) => s.chart === service);
  if (!history) return <td className="resources muted">—</td>;
  return (
    <td className="resources">
      {/* A click on the lines opens the chart too; the button is the way by keyboard. */}
      <span className="resource-spark" onClick={() => showChart(service)}>
        <Sparkline label={`CPU of ${service}`} points={history.cpu} max={cpuScale(history.cpu)} className="sparkline cpu" />
        <span className="resource-value" data-value="cpu">{percent(history.latest.cpuPercent)}</span>
        <Sparkline label={`Memory of ${service}`} points={history.memory} max={memoryScale(history.memory)} className="sparkline memory" />
        <span className="resource-value" data-value="memory">{bytesSize(history.latest.memoryUsage)}</span>
      </span>
      <button type="button" className="link-button" aria-label={`Chart of ${service}`} aria-expanded={open} onClick={() => showChart(open ? undefined : service)}>
        Chart
      </button>
    </td>
  );
}
