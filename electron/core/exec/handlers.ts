import type { PartialHandlers } from '../api/handlers';
import type { ExecSessions } from './exec-sessions';

type ExecCalls = 'exec.start' | 'exec.input' | 'exec.resize' | 'exec.kill';

export function execHandlers(sessions: () => ExecSessions): PartialHandlers<ExecCalls> {
  return {
    'exec.start': async (input, ctx) => {
      const options = {
        projectId: input.projectId,
        service: input.service,
        command: input.command,
        tty: input.tty,
        ...(input.cols !== undefined ? { cols: input.cols } : {}),
        ...(input.rows !== undefined ? { rows: input.rows } : {}),
        ...(input.user !== undefined ? { user: input.user } : {}),
        ...(input.workdir !== undefined ? { workdir: input.workdir } : {}),
        ...(input.env !== undefined ? { env: input.env } : {}),
        ...(input.index !== undefined ? { index: input.index } : {}),
        ...(input.privileged !== undefined ? { privileged: input.privileged } : {}),
        ...(input.detach !== undefined ? { detach: input.detach } : {}),
      };
      return { sessionId: await sessions().start(options, ctx.clientId, input.encoding) };
    },
    'exec.input': async (input) => {
      sessions().input(input.sessionId, input.data, input.end);
      return null;
    },
    'exec.resize': async (input) => {
      await sessions().resize(input.sessionId, input.cols, input.rows);
      return null;
    },
    'exec.kill': async (input) => {
      sessions().kill(input.sessionId);
      return null;
    },
  };
}
