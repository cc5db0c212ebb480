import { useEffect, useMemo } from 'react';
import type { SlipwayClient } from '../../../shared/client';
import { createStatsStore, type StatsStore } from './stats-store';

/** Fired after the bridge reconnected: the server has no subscription of ours any more. */
const reconnected = new EventTarget();

/** Subscribes the mounted live-stats views again (call after a reconnect). */
export function resubscribeLiveStats(): void {
  reconnected.dispatchEvent(new Event('reconnected'));
}

/**
 * A stats store fed by a stats subscription while the calling view is mounted and the page
 * is visible: a hidden window or tab, or the view gone, unsubscribes (the core then closes
 * every engine stats stream of the project — no cost when nothing shows them).
 */
export function useLiveStats(client: SlipwayClient, projectId: string | undefined): StatsStore {
  const store = useMemo(() => createStatsStore(projectId), [projectId]);
  useEffect(() => {
    if (!projectId) return;
    let subscriptionId: string | undefined;
    /** Counts subscribe/unsubscribe turns: an answer for an older turn is unsubscribed at once. */
    let turn = 0;
    let wanted = false;
    const start = () => {
      if (wanted) return;
      wanted = true;
      const mine = ++turn;
      client
        .call('stats.subscribe', { projectId })
        .then((answer) => {
          if (mine === turn && wanted) subscriptionId = answer.subscriptionId;
          else void client.call('stats.unsubscribe', { subscriptionId: answer.subscriptionId }).catch(() => undefined);
        })
        .catch(() => {
          if (mine === turn) wanted = false;
        });
    };
    const stop = () => {
      if (!wanted) return;
      wanted = false;
      turn++;
      if (subscriptionId !== undefined) void client.call('stats.unsubscribe', { subscriptionId }).catch(() => undefined);
      subscriptionId = undefined;
    };
    const sync = () => (document.visibilityState === 'hidden' ? stop() : start());
    const again = () => {
      stop();
      sync();
    };
    const off = client.on('stats.samples', (sample) => {
      if (subscriptionId !== undefined && sample.subscriptionId === subscriptionId) store.getState().add(sample);
    });
    sync();
    document.addEventListener('visibilitychange', sync);
    reconnected.addEventListener('reconnected', again);
    return () => {
      document.removeEventListener('visibilitychange', sync);
      reconnected.removeEventListener('reconnected', again);
      off();
      stop();
    };
  }, [client, projectId, store]);
  return store;
}
