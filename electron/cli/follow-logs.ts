import type { CliContext } from './context';
import { LogPrinter } from './log-printer';
import { streamLogs } from './log-stream';

export interface FollowLogsOptions {
  services?: readonly string[];
  /** Lines of history first (default: all, as an attached `up` shows them). */
  tail?: number;
  /** Ends the stream. */
  signal: AbortSignal;
}

/**
 * The services' logs followed as `slipway logs -f` prints them (`service | text`, a colour
 * per service), for the commands that stay attached: `up --watch` and `watch`.
 */
export async function followLogs(ctx: CliContext, projectId: string, options: FollowLogsOptions): Promise<void> {
  const noColor = ctx.colorRefused;
  const printer = new LogPrinter(ctx.stdout, { color: ctx.color && !noColor, timestamps: false });
  await streamLogs(
    ctx.client(),
    {
      projectId,
      source: 'engine',
      follow: true,
      timestamps: false,
      stripAnsi: noColor,
      ...(options.services && options.services.length > 0 ? { services: [...options.services] } : {}),
      ...(options.tail !== undefined ? { tail: options.tail } : {}),
    },
    printer.write,
    { signal: options.signal, onLabels: printer.setLabels },
  );
}
