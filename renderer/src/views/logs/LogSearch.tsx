import { useLogs, useStores } from '../../app-context';
import type { LogRows } from '../../logs/use-log-rows';

/** "Search logs": plain or regex, match count, previous/next. */
export function LogSearch({ rows }: { rows: LogRows }) {
  const { logs } = useStores();
  const query = useLogs((s) => s.query);
  const regex = useLogs((s) => s.regex);
  const matchIndex = useLogs((s) => s.matchIndex);
  const total = rows.matches.length;
  const current = total === 0 ? 0 : Math.min(matchIndex, total - 1) + 1;
  const step = (delta: number) => {
    if (total === 0) return;
    const next = (((current - 1 + delta) % total) + total) % total;
    logs.getState().setFollow(false);
    logs.getState().setMatchIndex(next);
  };
  return (
    <div className="log-search" role="search">
      <input
        id="log-search"
        type="search"
        aria-label="Search logs"
        placeholder="Search logs (Ctrl+F)"
        value={query}
        spellCheck={false}
        aria-invalid={rows.searchError !== undefined}
        onChange={(e) => {
          logs.getState().setQuery(e.target.value);
          // Show the newest match (and stop following so it stays in view).
          logs.getState().setMatchIndex(Number.MAX_SAFE_INTEGER);
          if (e.target.value !== '') logs.getState().setFollow(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') step(e.shiftKey ? -1 : 1);
          if (e.key === 'Escape') logs.getState().setQuery('');
        }}
      />
      <button type="button" className="toggle" aria-pressed={regex} title="Regular expression" aria-label="Regular expression" onClick={() => logs.getState().setRegex(!regex)}>
        .*
      </button>
      <span className="match-count" aria-live="polite" data-testid="match-count">
        {rows.searchError ? <span className="search-error">{rows.searchError}</span> : query ? (total === 0 ? 'No matches' : `${current} of ${total}`) : ''}
      </span>
      <button type="button" aria-label="Previous match" disabled={total === 0} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" aria-label="Next match" disabled={total === 0} onClick={() => step(1)}>
        ↓
      </button>
    </div>
  );
}
