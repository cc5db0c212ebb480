import { useLayoutEffect, useRef, useState } from 'react';
import { useLogs, useStores } from '../../app-context';
import type { RowsProps } from './row-props';
import { LogRowAt } from './LogRowAt';
import { useFollowScroll } from './use-follow-scroll';

export const ROW_HEIGHT = 18;
const OVERSCAN = 10;

/** Where the user scrolled to while paused, and in which pause / for which match. */
interface HeldTop {
  seq: number;
  pausedAt: number | undefined;
  match: number | undefined;
}

/**
 * Unwrapped lines all have one height, so the rows in view follow from the scroll
 * position by arithmetic: O(rows in view) per frame however many lines the ring holds.
 * The scroller is a column-reverse flex box: its scroll position counts from the
 * bottom (0 = newest line, negative above), so following a flood needs no scroll
 * writes; while paused the view is held on its lines as new ones arrive.
 */
export function FixedRows(props: RowsProps) {
  const { rows, currentSeq, initialRect } = props;
  const { logs } = useStores();
  const follow = useLogs((s) => s.follow);
  const pausedAt = useLogs((s) => s.pausedAt);
  const parent = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(initialRect?.height ?? 600);
  const [held, setHeld] = useState<HeldTop | undefined>();
  const scroll = useFollowScroll();
  const total = rows.count * ROW_HEIGHT;
  const bottomTop = Math.max(0, total - height);

  useLayoutEffect(() => {
    const el = parent.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setHeight((h) => el.clientHeight || h));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  let viewTop = bottomTop;
  if (!follow) {
    if (held && held.pausedAt === pausedAt && held.match === currentSeq) viewTop = rows.rowOf(held.seq) * ROW_HEIGHT;
    else if (currentSeq !== undefined) viewTop = rows.rowOf(currentSeq) * ROW_HEIGHT - Math.floor(height / 2);
    else if (pausedAt !== undefined) viewTop = rows.rowOf(pausedAt) * ROW_HEIGHT - height;
    viewTop = Math.min(bottomTop, Math.max(0, viewTop));
  }

  // Put the scroller where viewTop says. While following they already agree (the
  // column-reverse box stays at the bottom): not even a read, which would force a layout.
  const wasFollowing = useRef(false);
  useLayoutEffect(() => {
    const el = parent.current;
    const keepsFollowing = follow && wasFollowing.current;
    wasFollowing.current = follow;
    if (!el || keepsFollowing) return;
    const want = viewTop - bottomTop;
    if (Math.abs(el.scrollTop - want) > 1) {
      scroll.markAutoScroll();
      el.scrollTop = want;
    }
  }, [viewTop, bottomTop, scroll, follow]);

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
      className="log-scroll bottom-anchored"
      onScroll={(e) => {
        const fromBottom = -e.currentTarget.scrollTop;
        scroll.onScroll(fromBottom);
        const state = logs.getState();
        if (state.follow) return;
        const top = Math.max(0, bottomTop - fromBottom);
        const next = { seq: rows.seqAt(Math.floor(top / ROW_HEIGHT)), pausedAt: state.pausedAt, match: currentSeq };
        setHeld((h) => (h && h.seq === next.seq && h.pausedAt === next.pausedAt && h.match === next.match ? h : next));
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
