import type { Command } from '../command';
import type { CliContext } from '../context';
import { wantsJson } from '../output-format';
import { stackProject } from '../stack-cli';
import { ganttLines } from '../timeline-gantt';

export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'Show the last up’s startup timeline: each service’s phases, what held it, the critical path',
  usage: 'slipway timeline [--json|--format json] [--run ID]',
  options: {
    json: { type: 'boolean' },
    format: { type: 'string' },
    run: { type: 'string' },
  },
  async run(ctx, args) {
    const json = wantsJson('timeline', args.values);
    const project = await stackProject(ctx, { nameOnly: true });
    const run = typeof args.values.run === 'string' ? args.values.run : undefined;
    return printTimeline(ctx, project.projectId, { json, ...(run !== undefined ? { run } : {}) });
  },
};

/** Prints the project's last run (or `run`): a Gantt chart, or the run as JSON. 1 when there is none. */
export async function printTimeline(ctx: CliContext, projectId: string, options: { json: boolean; run?: string; settleMs?: number }): Promise<number> {
  const answer = await ctx.client().call('timeline.get', {
    projectId,
    ...(options.run !== undefined ? { run: options.run } : {}),
    ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
  });
  if (!answer.run) {
    ctx.err(`No startup timeline for ${projectId} yet: run \`slipway up\` first.`);
    return 1;
  }
  if (options.json) {
    ctx.out(JSON.stringify(answer.run, null, 2));
    return 0;
  }
  const bold = ctx.color ? (text: string) => `\u001b[1m${text}\u001b[22m` : undefined;
  for (const line of ganttLines(answer.run, { now: Date.now(), ...(bold ? { bold } : {}) })) ctx.out(line);
  return 0;
}
