import { useStore } from 'zustand';
import { bytesSize, humanSizeWithPrecision, percent } from '../../../shared/docker-units';
import { Sparkline, cpuScale, memoryScale } from './Sparkline';
import type { StatsStore } from './stats-store';

/** The larger chart of one service (opened from its sparklines): CPU and memory over the last minute, network and block I/O. */
export function ResourcesPanel({ store }: { store: StatsStore }) {
  const service = useStore(store, (s) => s.chart);
  const history = useStore(store, (s) => (s.chart ? s.services[s.chart] : undefined));
  const close = () => store.getState().showChart(undefined);
  if (!service) return null;
  const latest = history?.latest;
  return (
    <section className="resources-panel" aria-label={`Resources of ${service}`} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <header>
        <h3>Resources of {service}</h3>
        <button type="button" onClick={close} aria-label="Close the resources chart">Close</button>
      </header>
      {history && latest ? (
        <>
          <div className="charts">
            <figure>
              <figcaption>CPU {percent(latest.cpuPercent)} <span className="muted">(100 % is one core; scale {Math.round(cpuScale(history.cpu))} %)</span></figcaption>
              <Sparkline label={`CPU chart of ${service}`} points={history.cpu} max={cpuScale(history.cpu)} width={320} height={56} className="chart cpu" />
            </figure>
            <figure>
              <figcaption>Memory {bytesSize(latest.memoryUsage)} / {bytesSize(latest.memoryLimit)} ({percent(latest.memoryPercent)})</figcaption>
              <Sparkline label={`Memory chart of ${service}`} points={history.memory} max={memoryScale(history.memory)} width={320} height={56} className="chart memory" />
            </figure>
          </div>
          <dl>
            <dt>Network in / out</dt>
            <dd>{humanSizeWithPrecision(latest.netRx, 3)} / {humanSizeWithPrecision(latest.netTx, 3)}</dd>
            <dt>Block read / write</dt>
            <dd>{humanSizeWithPrecision(latest.blockRead, 3)} / {humanSizeWithPrecision(latest.blockWrite, 3)}</dd>
            <dt>Processes</dt>
            <dd>{latest.pids}</dd>
            <dt>Containers</dt>
            <dd>{latest.containers}</dd>
          </dl>
        </>
      ) : (
        <p className="muted">{service} is not running.</p>
      )}
    </section>
  );
}
