import type { CallInput, CallName, CallOutput, EventName, EventPayload, TaskCallName, TaskResult } from './contract';
import type { TaskProgress } from './contract/tasks';
import type { Envelope } from './envelope';
import { SlipwayError, toErrorInfo } from './errors';
import { runTask, type RunTaskOptions } from './run-task';

export { taskResult, type RunTaskOptions } from './run-task';

/**
 * The one way every shell talks to the core: the window and the browser (over the preload
 * bridge or the WebSocket), the tray and the CLI (in process). A refused call throws a
 * SlipwayError (code, message, hint); a result is the contract's output type, never cast.
 */
export interface SlipwayClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Starts a task call (`defineTask` in the contract) and resolves with its result when its
   * task.done arrives, or rejects with its SlipwayError. Progress goes to `onProgress`;
   * aborting `options.signal` cancels the task (tasks.cancel).
   */
  runTask<N extends TaskCallName>(name: N, input: CallInput<N>, onProgress?: (progress: TaskProgress) => void, options?: RunTaskOptions): Promise<TaskResult<N>>;
}

/**
 * What carries calls and events between a client and the core: the preload bridge, the
 * WebSocket, or the core itself in process. Answers are envelopes and never throw; the
 * core's dispatch has validated the input and the output, and its events are typed.
 */
export interface SlipwayTransport {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The client over a transport: the same for the in-process core and the remote bridges. */
export function createClient(transport: SlipwayTransport): SlipwayClient {
  const client: SlipwayClient = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      let answer: Envelope<unknown>;
      try {
        answer = await transport.invoke(name, input);
      } catch (error) {
        throw SlipwayError.from(toErrorInfo(error));
      }
      if (!answer.ok) throw SlipwayError.from(answer.error);
      // The one place a result gets its type: the core checked it against calls[name].output.
      return answer.value as CallOutput<N>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      // Events are emitted typed by the core (CoreEvents.emit) and forwarded as they are.
      return transport.on(event, listener as (payload: unknown) => void);
    },
    runTask(name, input, onProgress, options) {
      return runTask(client, name, input, onProgress, options);
    },
  };
  return client;
}
