import type { LogLine, LogsSubscribeInput } from '../../shared/contract/logs';
import type { CliContext } from './context';
import { LogPrinter } from './log-printer';
import { streamLogs } from './log-stream';

/**
 * The logs of an attached `up --abort-on-container-exit`: followed live until `signal` (the
 * others are stopped by then), then the lines the live read had not delivered yet — a
 * container that exits at once may be gone before its lines arrive — read from the engine's
 * history and printed, so the last lines of every container show, as Compose shows them.
 * A line counts per label: both reads give a container's lines in the same order.
 */
export async function followUntilStopped(ctx: CliContext, projectId: string, services: string[], signal: AbortSignal): Promise<void> {
  const noColor = ctx.colorRefused;
  const printer = new LogPrinter(ctx.stdout, { color: ctx.color && !noColor, timestamps: false });
  const printed = new Map<string, number>();
  const input: LogsSubscribeInput = { projectId, source: 'engine', follow: true, timestamps: false, stripAnsi: noColor, services };
  const counted = (lines: LogLine[]) => {
    for (const line of lines) if (line.stream !== 'system') printed.set(line.service, (printed.get(line.service) ?? 0) + 1);
    return printer.write(lines);
  };
  await streamLogs(ctx.client(), input, counted, { signal, onLabels: printer.setLabels });
  const seen = new Map<string, number>();
  const rest = (lines: LogLine[]) => printer.write(lines.filter((line) => {
    if (line.stream === 'system') return false;
    const n = (seen.get(line.service) ?? 0) + 1;
    seen.set(line.service, n);
    return n > (printed.get(line.service) ?? 0);
  }));
  await streamLogs(ctx.client(), { ...input, follow: false }, rest, { signal: new AbortController().signal, onLabels: printer.setLabels });
}
