import { memo } from 'react';
import { ansiChunks } from '../../logs/ansi';
import type { LogLine } from '../../logs/log-buffer';

export interface LogRowProps {
  line: LogLine;
  slot: number;
  showService: boolean;
  timestamps: boolean;
  match: boolean;
  current: boolean;
}

/** One log line: time, service tag in its colour, text with ANSI colours. */
export const LogRow = memo(function LogRow({ line, slot, showService, timestamps, match, current }: LogRowProps) {
  const className = ['log-line', line.stream === 'stderr' ? 'stderr' : '', line.stream === 'system' ? 'system' : '', match ? 'match' : '', current ? 'current-match' : ''].filter(Boolean).join(' ');
  return (
    <div className={className}>
      {timestamps ? <span className="log-time">{formatTime(line.ts)}</span> : null}
      {showService ? <span className={`log-service svc-${slot}`}>{line.service}</span> : null}
      <span className="log-text">
        {ansiChunks(line.text).map((chunk, i) =>
          chunk.className ? (
            <span key={i} className={chunk.className}>
              {chunk.text}
            </span>
          ) : (
            chunk.text
          ),
        )}
      </span>
    </div>
  );
});

function formatTime(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
