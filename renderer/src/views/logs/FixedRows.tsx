import { useLayoutEffect, useRef, useState } from 'react';
import { useLogs } from '../../app-context';
import type { RowsProps } from './row-props';
import { LogRowAt } from './LogRowAt';
import { useFollowScroll } from './use-follow-scroll';

export const ROW_HEIGHT = 18;
const OVERSCAN = 10;

/**
 * Unwrapped lines all have one height, so the rows in view follow from scrollTop by
 * arithmetic: O(rows in view) per frame however many lines the ring holds.
 */
export function FixedRows(props: RowsProps) {
  const { rows, currentSeq, initialRect } = props;
  const follow = useLogs((s) => s.follow);
  const parent = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(initialRect?.height ?? 600);
  const scroll = useFollowScroll();
  const total = rows.count * ROW_HEIGHT;

  useLayoutEffect(() => {
    const el = parent.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || height));
    observer.observe(el);
    return () => observer.disconnect();
  }, [height]);

  // Following: pin to the bottom (no read of the layout, one write per frame).
  useLayoutEffect(() => {
    if (!follow || !parent.current) return;
    scroll.markAutoScroll();
    parent.current.scrollTop = total;
  }, [follow, total, scroll]);

  // A search result chosen: bring it to the middle.
  useLayoutEffect(() => {
    if (currentSeq === undefined || !parent.current) return;
    scroll.markAutoScroll();
    const top = Math.max(0, rows.rowOf(currentSeq) * ROW_HEIGHT - height / 2);
    parent.current.scrollTop = top;
    setScrollTop(top);
  }, [currentSeq, rows, height, scroll]);

  const viewTop = follow ? Math.max(0, total - height) : scrollTop;
  // Following, nothing is below the view: no overscan needed there.
  const overscan = follow ? 0 : OVERSCAN;
  const first = Math.max(0, Math.floor(viewTop / ROW_HEIGHT) - overscan);
  const last = Math.min(rows.count, Math.ceil((viewTop + height) / ROW_HEIGHT) + overscan);
  const slots = Math.max(1, last - first);
  const items = [];
  for (let index = first; index < last; index++) {
    // Keyed by slot, not by line: under a flood every row shows a new line each frame,
    // and updating a row's text is cheaper than replacing its elements.
    items.push(
      <div key={index % slots} className="log-row" style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}>
        <LogRowAt {...props} index={index} />
      </div>,
    );
  }
  return (
    <div
      ref={parent}
      className="log-scroll"
      onScroll={(e) => {
        scroll.onScroll(e.currentTarget);
        if (!follow) setScrollTop(e.currentTarget.scrollTop);
      }}
      onWheel={scroll.onWheel}
      role="log"
      aria-label="Log lines"
      aria-live="off"
      tabIndex={0}
    >
      <div className="log-canvas" style={{ height: total }}>
        {items}
      </div>
    </div>
  );
}
