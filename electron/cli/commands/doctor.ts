import type { Command } from '../command';
import type { CliContext } from '../context';
import { loadProject } from '../../core/compose/load-project';
import type { DoctorCheck } from '../../core/doctor/types';

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;
const COLOR = { ok: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' } as const;
const RESET = '\u001b[0m';

function formatCheck(check: DoctorCheck, color: boolean): string[] {
  const mark = color ? `${COLOR[check.status]}${MARK[check.status]}${RESET}` : MARK[check.status];
  const lines = [`${mark} ${check.title}: ${check.message}`];
  if (check.fix && check.status !== 'ok') {
    if (check.fix.kind === 'action') {
      lines.push(`    fix: ${check.fix.label} — run \`slipway doctor --fix ${check.id}\`${check.fix.command && !check.fix.command.startsWith('slipway doctor') ? ` (or \`${check.fix.command}\`)` : ''}`);
    } else {
      lines.push(`    fix: ${check.fix.label ? `${check.fix.label}: ` : ''}${check.fix.command}`);
    }
  }
  return lines;
}

function target(ctx: CliContext) {
  return { loadProject: () => loadProject(ctx.projectOptions()), projectDir: ctx.global.projectDirectory ?? ctx.cwd };
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check that the Docker host and this project are ready, and say how to fix what is not',
  usage: 'slipway doctor [--json] [--fix CHECK_ID]',
  options: {
    json: { type: 'boolean' },
    fix: { type: 'string' },
  },
  async run(ctx, args) {
    const doctor = ctx.core().doctor();
    if (typeof args.values.fix === 'string') {
      const result = await doctor.fix(args.values.fix, target(ctx), (message) => ctx.err(message));
      if (args.values.json === true) ctx.out(JSON.stringify(result, null, 2));
      else {
        ctx.out(result.message);
        if (result.check) for (const line of formatCheck(result.check, ctx.color)) ctx.out(line);
      }
      return result.done ? 0 : 1;
    }
    const report = await doctor.run(target(ctx));
    if (args.values.json === true) {
      ctx.out(JSON.stringify(report, null, 2));
    } else {
      for (const check of report.checks) for (const line of formatCheck(check, ctx.color)) ctx.out(line);
      const { ok, warn, fail } = report.summary;
      ctx.out(`\n${ok} ok, ${warn} warning${warn === 1 ? '' : 's'}, ${fail} failing`);
    }
    return report.summary.fail > 0 ? 1 : 0;
  },
};
