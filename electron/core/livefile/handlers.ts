import { z } from 'zod';
import type { PartialHandlers } from '../api/handlers';
import type { CoreEvents } from '../events';
import type { LiveFileManager } from './live-file-manager';

type LiveFileCalls = 'livefile.follow' | 'livefile.unfollow' | 'livefile.status' | 'livefile.apply';

export function liveFileHandlers(live: () => LiveFileManager): PartialHandlers<LiveFileCalls> {
  return {
    'livefile.follow': async (input) => live().follow(input.projectId, {
      ...(input.autoApply !== undefined ? { autoApply: input.autoApply } : {}),
      ...(input.quietMs !== undefined ? { quietMs: input.quietMs } : {}),
    }),
    'livefile.unfollow': async (input) => {
      live().unfollow(input.projectId);
      return null;
    },
    'livefile.status': async (input) => live().status(input.projectId),
    'livefile.apply': async (input) => live().apply(input.projectId),
  };
}

/**
 * An open project's files are followed while it is open; watching it (watch.state) applies
 * their changes as they are saved, otherwise they wait for Apply. Returns the unsubscribe.
 */
export function followOpenProjects(events: Pick<CoreEvents, 'on'>, live: () => LiveFileManager): () => void {
  const offs = [
    events.on('project.opened', (summary) => {
      if (!summary.byName) live().follow(summary.projectId);
    }),
    events.on('project.closed', ({ projectId }) => live().unfollow(projectId)),
    events.on('task.done', (done) => {
      const result = UpDone.safeParse(done.result);
      if (done.kind === 'stack.up' && done.ok && done.projectId !== undefined && result.success) live().upDone(done.projectId, Object.keys(result.data.actions));
    }),
    events.on('watch.state', (state) => {
      if (state.watching) tryFollow(live(), state.projectId);
      live().setAutoApply(state.projectId, state.watching);
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** What a finished `stack.up` task says of the services it touched (stack/up.ts UpResult). */
const UpDone = z.object({ actions: z.record(z.string(), z.string()) });

function tryFollow(live: LiveFileManager, projectId: string): void {
  try {
    live.follow(projectId, { autoApply: true });
  } catch {
    // A project this core does not hold open (watched by another client's core): nothing to follow.
  }
}
