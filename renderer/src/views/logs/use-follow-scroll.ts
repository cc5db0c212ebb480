import { useMemo, useRef } from 'react';
import { useStores } from '../../app-context';

/** How far from the bottom, in px, still counts as "at the latest line". */
const SLACK = 54;

/**
 * Follow/pause from the user's own scrolling: wheel up or a scroll away from the bottom
 * pauses (scrolls we make ourselves are ignored for a moment).
 */
export function useFollowScroll() {
  const { logs } = useStores();
  const lastAutoScroll = useRef(0);
  return useMemo(() => ({
    markAutoScroll: () => {
      lastAutoScroll.current = performance.now();
    },
    onWheel: (e: { deltaY: number }) => {
      if (e.deltaY < 0 && logs.getState().follow) logs.getState().setFollow(false);
    },
    /** `fromBottom`: px between the view's bottom and the newest line. */
    onScroll: (fromBottom: number) => {
      if (!logs.getState().follow) return;
      if (fromBottom > SLACK && performance.now() - lastAutoScroll.current > 150) logs.getState().setFollow(false);
    },
  }), [logs]);
}
