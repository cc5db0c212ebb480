import { useState } from 'react';
import { useApp, useLogs, useStores } from '../../app-context';
import { stripAnsi } from '../../../../shared/ansi';
import { useLogRows } from '../../logs/use-log-rows';
import { ErrorNote } from '../common/ErrorNote';
import { EmptyState, LoadingState } from '../common/States';
import { LogList } from './LogList';
import { LogSearch } from './LogSearch';

/** Logs of the project, merged or one service's, always in the project view. */
export function LogsView({ initialRect }: { initialRect?: { width: number; height: number } }) {
  const { app, logs } = useStores();
  const buffer = useLogs((s) => s.buffer);
  const status = useLogs((s) => s.status);
  const error = useLogs((s) => s.error);
  const follow = useLogs((s) => s.follow);
  const timestamps = useLogs((s) => s.timestamps);
  const wrap = useLogs((s) => s.wrap);
  const matchIndex = useLogs((s) => s.matchIndex);
  const service = useApp((s) => s.logService);
  const project = useApp((s) => s.projects.find((p) => p.projectId === s.currentId));
  const services = project?.services ?? [];
  const rows = useLogRows(buffer, service);
  const [note, setNote] = useState('');
  const total = rows.matches.length;
  const currentSeq = total > 0 && !follow ? rows.matches[Math.min(matchIndex, total - 1)] : undefined;

  const shownText = () => {
    const out: string[] = [];
    for (let i = 0; i < rows.count; i++) {
      const line = buffer.at(rows.seqAt(i));
      if (line) out.push(`${timestamps ? `${new Date(line.ts).toISOString()} ` : ''}${service ? '' : `${line.service} | `}${stripAnsi(line.text)}`);
    }
    return out.join('\n') + '\n';
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shownText());
      setNote(`Copied ${rows.count} lines`);
    } catch {
      setNote('Copy failed: the browser refused clipboard access');
    }
  };
  const save = () => {
    const url = URL.createObjectURL(new Blob([shownText()], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${project?.name ?? 'slipway'}${service ? `-${service}` : ''}-logs.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setNote(`Saved ${rows.count} lines`);
  };

  return (
    <section className="logs" aria-label="Logs">
      <div className="log-toolbar">
        <h2>Logs</h2>
        <select aria-label="Service" value={service ?? ''} onChange={(e) => app.getState().showLogs(e.target.value || undefined)}>
          <option value="">All services</option>
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <LogSearch rows={rows} />
        <button type="button" className="toggle" aria-pressed={timestamps} onClick={() => logs.getState().toggleTimestamps()}>
          Timestamps
        </button>
        <button type="button" className="toggle" aria-pressed={wrap} onClick={() => logs.getState().toggleWrap()}>
          Wrap
        </button>
        <button type="button" onClick={() => logs.getState().setFollow(!follow)}>
          {follow ? 'Pause' : 'Follow'}
        </button>
        <button type="button" onClick={() => void copy()} disabled={rows.count === 0}>
          Copy
        </button>
        <button type="button" onClick={save} disabled={rows.count === 0}>
          Save
        </button>
        <span className="log-note" role="status">
          {note}
        </span>
      </div>
      <ErrorNote error={error} />
      <div className="log-body">
        {status === 'loading' && rows.count === 0 ? <LoadingState label="Connecting to the logs…" /> : null}
        {status === 'live' && rows.count === 0 ? <EmptyState title={service ? `No lines from ${service} yet` : 'No log lines yet'}>Press Up to start the stack; its output appears here.</EmptyState> : null}
        <LogList buffer={buffer} rows={rows} services={services} showService={service === undefined} currentSeq={currentSeq} {...(initialRect ? { initialRect } : {})} />
        {!follow ? (
          <button type="button" className="jump-latest" onClick={() => logs.getState().setFollow(true)}>
            Jump to latest
          </button>
        ) : null}
      </div>
    </section>
  );
}
