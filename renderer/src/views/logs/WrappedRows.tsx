import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useLogs } from '../../app-context';
import { ROW_HEIGHT } from './FixedRows';
import { LogRowAt } from './LogRowAt';
import type { RowsProps } from './row-props';
import { useFollowScroll } from './use-follow-scroll';

/** Wrapped lines differ in height: TanStack Virtual measures the rows in view. */
export function WrappedRows(props: RowsProps) {
  const { rows, currentSeq, initialRect } = props;
  const follow = useLogs((s) => s.follow);
  const parent = useRef<HTMLDivElement>(null);
  const scroll = useFollowScroll();
  // eslint-disable-next-line react-hooks/incompatible-library -- used as TanStack documents; the list re-renders on every new frame of lines
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    ...(initialRect ? { initialRect } : {}),
  });

  useEffect(() => {
    if (!follow || rows.count === 0) return;
    scroll.markAutoScroll();
    virtualizer.scrollToIndex(rows.count - 1, { align: 'end' });
  }, [follow, rows, virtualizer, scroll]);

  useEffect(() => {
    if (currentSeq === undefined) return;
    scroll.markAutoScroll();
    virtualizer.scrollToIndex(rows.rowOf(currentSeq), { align: 'center' });
  }, [currentSeq, rows, virtualizer, scroll]);

  return (
    <div ref={parent} className="log-scroll wrap" onScroll={(e) => scroll.onScroll(e.currentTarget.scrollHeight - e.currentTarget.scrollTop - e.currentTarget.clientHeight)} onWheel={scroll.onWheel} role="log" aria-label="Log lines" aria-live="off" tabIndex={0}>
      <div className="log-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={rows.seqAt(item.index)} data-index={item.index} ref={virtualizer.measureElement} className="log-row" style={{ transform: `translateY(${item.start}px)` }}>
            <LogRowAt {...props} index={item.index} />
          </div>
        ))}
      </div>
    </div>
  );
}
