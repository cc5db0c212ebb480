/**
 * The one contract between the engine (core) and its shells (Electron IPC, the
 * browser WebSocket, the renderer). Every call has zod input/output schemas; every
 * event a payload schema. Each room declares its part in a file of its own here.
 */
import type { z } from 'zod';
import type { CallDefs, EventDefs } from './define';
import { projectCalls, projectEvents } from './projects';
import { taskCalls, taskEvents } from './tasks';
import { imagesCalls, imagesEvents } from './images';
import { stackCalls, stackEvents } from './stack';
import { logCalls, logEvents } from './logs';
import { stateCalls, stateEvents } from './state';
import { execCalls, execEvents } from './exec';
import { watchCalls, watchEvents } from './watch';
import { settingsCalls, settingsEvents } from './settings';
import { desktopCalls, desktopEvents } from './desktop';
import { hostCalls, hostEvents } from './host';
import { oneOffCalls } from './oneoff';
import { stackOpsCalls } from './stack-ops';
import { proxyCalls } from './proxy';
import { openInCalls } from './open-in';
import { eventsCalls, eventsEvents } from './events';
import { copyCalls } from './copy';
import { timelineCalls, timelineEvents } from './timeline';
import { liveFileCalls, liveFileEvents } from './livefile';
import { statsCalls, statsEvents } from './stats';
import { sharesCalls, sharesEvents } from './shares';

export const calls = {
  ...taskCalls,
  ...imagesCalls,
  ...stackCalls,
  ...logCalls,
  ...stateCalls,
  ...execCalls,
  ...watchCalls,
  ...projectCalls,
  ...settingsCalls,
  ...desktopCalls,
  ...hostCalls,
  ...oneOffCalls,
  ...stackOpsCalls,
  ...proxyCalls,
  ...openInCalls,
  ...eventsCalls,
  ...copyCalls,
  ...timelineCalls,
  ...liveFileCalls,
  ...statsCalls,
  ...sharesCalls,
} satisfies CallDefs;

export const events = {
  ...taskEvents,
  ...imagesEvents,
  ...stackEvents,
  ...logEvents,
  ...stateEvents,
  ...execEvents,
  ...watchEvents,
  ...projectEvents,
  ...settingsEvents,
  ...desktopEvents,
  ...hostEvents,
  ...eventsEvents,
  ...timelineEvents,
  ...liveFileEvents,
  ...statsEvents,
  ...sharesEvents,
} satisfies EventDefs;

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = keyof Calls;
export type EventName = keyof Events;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
/** The input after validation (defaults applied), as handlers receive it. */
export type ParsedCallInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
/** The calls declared with `defineTask` (`task: true`): long work run through `client.runTask`. */
export type TaskCallName = { [N in CallName]: Calls[N] extends { task: true } ? N : never }[CallName];
/** What a task's task.done carries when it succeeded. */
export type TaskResult<N extends TaskCallName> = Calls[N] extends { result: infer R extends z.ZodType } ? z.output<R> : never;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

export function isTaskCall(name: string): name is TaskCallName {
  return isCallName(name) && calls[name].task === true;
}

/** The schema of a task's result, when `kind` is a task call of the contract. */
export function taskResultSchema(kind: string): z.ZodType | undefined {
  return isCallName(kind) ? calls[kind].result : undefined;
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
