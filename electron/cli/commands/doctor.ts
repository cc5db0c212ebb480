import type { Command } from '../command';
import type { CliContext } from '../context';
import type { CallInput } from '../../../shared/contract';
import type { DoctorCheckInfo } from '../../../shared/contract/host';
import { wantsJson } from '../output-format';

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;
const COLOR = { ok: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' } as const;
const RESET = '\u001b[0m';

function formatCheck(check: DoctorCheckInfo, color: boolean): string[] {
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

/** This folder's project as the global flags select it; without a compose file, the host alone is checked. */
function target(ctx: CliContext): CallInput<'doctor.run'> {
  const { path, files, projectName, projectDirectory, profiles, envFiles } = ctx.openInput();
  return {
    path,
    ...(files ? { files } : {}),
    ...(projectName !== undefined ? { projectName } : {}),
    ...(projectDirectory !== undefined ? { projectDirectory } : {}),
    ...(profiles ? { profiles } : {}),
    ...(envFiles ? { envFiles } : {}),
    requireProject: false,
  };
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check that the Docker host and this project are ready, and say how to fix what is not',
  usage: 'slipway doctor [--json] [--format table|json] [--fix CHECK_ID]',
  options: {
    json: { type: 'boolean' },
    format: { type: 'string' },
    fix: { type: 'string' },
  },
  async run(ctx, args) {
    const client = ctx.client();
    if (typeof args.values.fix === 'string') {
      const result = await client.call('doctor.fix', { ...target(ctx), checkId: args.values.fix });
      if (wantsJson('doctor', args.values)) ctx.out(JSON.stringify(result, null, 2));
      else {
        ctx.out(result.message);
        if (result.check) for (const line of formatCheck(result.check, ctx.color)) ctx.out(line);
      }
      return result.done ? 0 : 1;
    }
    const report = await client.call('doctor.run', target(ctx));
    if (wantsJson('doctor', args.values)) {
      ctx.out(JSON.stringify(report, null, 2));
    } else {
      for (const check of report.checks) for (const line of formatCheck(check, ctx.color)) ctx.out(line);
      const { ok, warn, fail } = report.summary;
      ctx.out(`\n${ok} ok, ${warn} warning${warn === 1 ? '' : 's'}, ${fail} failing`);
    }
    return report.summary.fail > 0 ? 1 : 0;
  },
};
