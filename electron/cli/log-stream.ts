import type { SlipwayClient } from '../../shared/client';
import type { LogBatch, LogLine, LogsSubscribeInput, LogsSubscribeOutput } from '../../shared/contract/logs';

export interface LogStreamOptions {
  /** Ends the stream (Ctrl+C): the subscription is dropped. */
  signal: AbortSignal;
  /** Called with the subscription's labels before the first line is written. */
  onLabels?: (labels: string[]) => void;
}

/**
 * A log subscription written out: batches in order, each acknowledged once it has been
 * written (so the core reads no faster than the output drains). Resolves when the core
 * says it is done (`logs.end`, history only) or when `signal` aborts.
 */
export async function streamLogs(client: SlipwayClient, input: LogsSubscribeInput, write: (lines: LogLine[]) => void | Promise<void>, options: LogStreamOptions): Promise<void> {
  let subscriptionId: string | undefined;
  // Events that came before the answer named this subscription (the core may be quick).
  let early: LogBatch[] = [];
  const endedEarly = new Set<string>();
  let written = Promise.resolve();
  let ended = false;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const take = (batch: LogBatch) => {
    written = written
      .then(() => write(batch.lines))
      .then(() => client.call('logs.ack', { subscriptionId: batch.subscriptionId, batchId: batch.batchId }))
      .then(() => undefined, fail);
  };
  const offBatch = client.on('logs.batch', (batch) => {
    if (subscriptionId === undefined) early.push(batch);
    else if (batch.subscriptionId === subscriptionId) take(batch);
  });
  const offEnd = client.on('logs.end', (ref) => {
    if (subscriptionId === undefined) endedEarly.add(ref.subscriptionId);
    else if (ref.subscriptionId === subscriptionId) end();
  });
  const end = () => {
    ended = true;
    void written.then(finish);
  };
  // Batches already taken are written first, so a caller that reads on afterwards sees them counted.
  const onAbort = () => void written.then(finish);
  // While the engine is gone nothing else may hold the process open (the core's reconnect
  // timer does not): a follow must wait for it to come back, not end quietly.
  const keepAlive = input.follow === false ? undefined : setInterval(() => undefined, 2 ** 30);
  try {
    const answer: LogsSubscribeOutput = await client.call('logs.subscribe', input);
    subscriptionId = answer.subscriptionId;
    options.onLabels?.(answer.labels);
    for (const batch of early) if (batch.subscriptionId === subscriptionId) take(batch);
    early = [];
    if (endedEarly.has(subscriptionId)) end();
    if (options.signal.aborted) finish();
    options.signal.addEventListener('abort', onAbort, { once: true });
    await done;
  } finally {
    clearInterval(keepAlive);
    options.signal.removeEventListener('abort', onAbort);
    offBatch();
    offEnd();
    if (subscriptionId !== undefined && !ended) await client.call('logs.unsubscribe', { subscriptionId }).catch(() => undefined);
  }
}
