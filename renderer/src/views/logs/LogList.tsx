import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useLogs, useStores } from '../../app-context';
import type { LogBuffer } from '../../logs/log-buffer';
import { serviceColorSlot } from '../../logs/service-colors';
import type { LogRows } from '../../logs/use-log-rows';
import { LogRow } from './LogRow';

const ROW_HEIGHT = 18;

/** The virtualised list: only the rows in view are in the DOM, whatever the volume. */
export function LogList({ buffer, rows, services, showService, currentSeq, initialRect }: {
  buffer: LogBuffer;
  rows: LogRows;
  services: readonly string[];
  showService: boolean;
  currentSeq: number | undefined;
  initialRect?: { width: number; height: number };
}) {
  const { logs } = useStores();
  const follow = useLogs((s) => s.follow);
  const wrap = useLogs((s) => s.wrap);
  const timestamps = useLogs((s) => s.timestamps);
  const parent = useRef<HTMLDivElement>(null);
  const lastAutoScroll = useRef(0);
  // eslint-disable-next-line react-hooks/incompatible-library -- used as TanStack documents; the list re-renders on every new frame of lines
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    ...(initialRect ? { initialRect } : {}),
  });

  useEffect(() => {
    if (!follow || rows.count === 0) return;
    lastAutoScroll.current = performance.now();
    virtualizer.scrollToIndex(rows.count - 1, { align: 'end' });
  }, [follow, rows, virtualizer]);

  useEffect(() => {
    if (currentSeq === undefined) return;
    lastAutoScroll.current = performance.now();
    virtualizer.scrollToIndex(rows.rowOf(currentSeq), { align: 'center' });
  }, [currentSeq, rows, virtualizer]);

  const onScroll = () => {
    const el = parent.current;
    if (!el || !logs.getState().follow) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (fromBottom > ROW_HEIGHT * 3 && performance.now() - lastAutoScroll.current > 150) logs.getState().setFollow(false);
  };

  return (
    <div
      ref={parent}
      className={wrap ? 'log-scroll wrap' : 'log-scroll'}
      onScroll={onScroll}
      onWheel={(e) => {
        if (e.deltaY < 0 && logs.getState().follow) logs.getState().setFollow(false);
      }}
      role="log"
      aria-label="Log lines"
      aria-live="off"
      tabIndex={0}
    >
      <div className="log-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const seq = rows.seqAt(item.index);
          const line = buffer.at(seq);
          if (!line) return null;
          return (
            <div key={seq} data-index={item.index} ref={wrap ? virtualizer.measureElement : undefined} className="log-row" style={{ transform: `translateY(${item.start}px)`, ...(wrap ? {} : { height: ROW_HEIGHT }) }}>
              <LogRow line={line} slot={serviceColorSlot(line.service, services)} showService={showService} timestamps={timestamps} match={rows.matchSet.has(seq)} current={seq === currentSeq} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
