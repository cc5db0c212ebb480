import { contextBridge, ipcRenderer } from 'electron';
import { EventListeners } from '../../shared/event-listeners';
import type { DesktopBridge } from '../../shared/desktop-bridge';
import { isEnvelope, type Envelope } from '../../shared/envelope';
import { CALL_CHANNEL_PREFIX, CALLS_SWITCH, EVENT_CHANNEL, EVENTS_SWITCH, PICK_FOLDER_CHANNEL, PLATFORM_SWITCH } from '../../shared/ipc-channels';

/**
 * Exposes exactly one object to the page, window.slipway: the contract's transport (the
 * page wraps it in the typed client, see shared/client.ts). Never the raw ipcRenderer, never
 * an IpcRendererEvent (its `sender` is ipcRenderer). The call and event names come from the
 * main process on the command line, so this file bundles no schema; the main process
 * validates every input anyway.
 */
const NAME = /^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9-]*)+$/;

function switchValue(prefix: string): string {
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : '';
}

function names(prefix: string): Set<string> {
  return new Set(switchValue(prefix).split(',').filter((n) => NAME.test(n)));
}

const callNames = names(CALLS_SWITCH);
const eventNames = names(EVENTS_SWITCH);
const listeners = new EventListeners();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name === 'string') listeners.emit(name, payload);
});

function refused(code: string, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

async function invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
  if (typeof name !== 'string' || !callNames.has(name)) return refused('unknown_call', `No such call: ${String(name)}`);
  const answer: unknown = await ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${name}`, input);
  return isEnvelope(answer) ? answer : refused('internal', `The main process answered ${name} with no envelope`);
}

function on(event: string, listener: (payload: unknown) => void): () => void {
  if (typeof event !== 'string' || !eventNames.has(event)) throw new Error(`slipway.on: no such event: ${String(event)}`);
  if (typeof listener !== 'function') throw new Error('slipway.on: the listener must be a function');
  return listeners.add(event, listener);
}

async function pickFolder(): Promise<string | null> {
  const answer: unknown = await ipcRenderer.invoke(PICK_FOLDER_CHANNEL);
  return isEnvelope(answer) && answer.ok && typeof answer.value === 'string' ? answer.value : null;
}

const bridge: DesktopBridge = {
  invoke,
  on,
  desktop: { platform: switchValue(PLATFORM_SWITCH), pickFolder },
};

contextBridge.exposeInMainWorld('slipway', bridge);
