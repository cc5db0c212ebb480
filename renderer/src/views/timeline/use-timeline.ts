import { useEffect, useState } from 'react';
import type { TimelineRun } from '../../../../shared/contract/timeline';
import { useApp } from '../../app-context';

/** How often the bars of phases still under way grow while up runs (only then). */
const TICK_MS = 200;

export interface TimelineState {
  run: TimelineRun | null;
  /** The time the open phases are drawn to. */
  now: number;
}

/** The project's last run: one timeline.get, then timeline.changed events; a clock ticks only while a run's task runs. */
export function useTimeline(projectId: string): TimelineState {
  const client = useApp((s) => s.client);
  const [run, setRun] = useState<TimelineRun | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    let seen = false;
    const off = client.on('timeline.changed', (event) => {
      if (event.projectId !== projectId) return;
      seen = true;
      setRun(event.run);
      setNow(Date.now());
    });
    client.call('timeline.get', { projectId }).then(
      (answer) => {
        if (live && !seen) setRun(answer.run);
      },
      // No run yet, or the engine is away: the panel says so and the events fill it in.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [client, projectId]);

  const running = run !== null && run.finishedAt === null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);

  return { run, now };
}
