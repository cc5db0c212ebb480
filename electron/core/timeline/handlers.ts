import type { PartialHandlers } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import type { Project } from '../../../shared/model/project';
import { SlipwayError } from '../../../shared/errors';
import type { TimelineRun } from '../../../shared/contract/timeline';
import type Docker from 'dockerode';
import { engineHistory } from './engine-history';
import { addEngineEvent, type RunFacts } from './run-facts';
import type { TimelineRecorder } from './timeline-recorder';
import type { TimelineStore } from './timeline-store';
import { timelineView } from './timeline-view';

export interface TimelineRoom {
  recorder: TimelineRecorder;
  store: TimelineStore;
  docker: () => Docker;
}

export function timelineHandlers(projects: ProjectRegistry, room: () => TimelineRoom): PartialHandlers<'timeline.get'> {
  return {
    'timeline.get': async (input) => {
      const project: Project = projects.get(input.projectId);
      const { recorder, store, docker } = room();
      const runs = store.list(project.name);
      const facts = input.run !== undefined ? runs.find((r) => r.id === input.run) : runs[0];
      if (input.run !== undefined && !facts) {
        throw new SlipwayError('no_such_run', `No timeline run ${input.run} for project ${project.name}`, 'Only the last five ups and restarts are kept; leave out --run for the latest.');
      }
      if (!facts) return { run: null, runs: [] };
      const live = recorder.liveRun(facts.id);
      if (live && input.settleMs) await live.settled(input.settleMs);
      const run = live ? live.view() : await completed(docker(), store, facts);
      return { run, runs: runs.map((r) => ({ id: r.id, kind: r.kind, startedAt: r.startedAt })) };
    },
  };
}

/**
 * A run recorded by a process that has ended (a `slipway up -d` before every healthcheck
 * passed): completed from the events the engine still holds, and saved again.
 */
async function completed(docker: Docker, store: TimelineStore, facts: RunFacts): Promise<TimelineRun> {
  const view = timelineView(facts);
  if (view.settled || facts.finishedAt === undefined) return view;
  const events = await engineHistory(docker, facts.project, facts.startedAt, Date.now()).catch(() => []);
  let changed = false;
  for (const event of events) changed = addEngineEvent(facts, event) || changed;
  if (!changed) return view;
  store.adopt(facts);
  store.save(facts.project);
  return timelineView(facts);
}
