import type { StateCreator } from 'zustand/vanilla';
import { toErrorInfo } from '../../../shared/errors';
import type { AppState, ServicesSlice } from './types';
import type { ServiceState } from './service-state';

export const servicesSlice: StateCreator<AppState, [], [], ServicesSlice> = (set, get) => ({
  services: {},
  servicesLoaded: false,
  host: { status: 'unknown' },
  serviceBusy: {},
  serviceErrors: {},
  async refreshServices() {
    const projectId = get().currentId;
    if (!projectId) return;
    try {
      // The state feed says what each service is doing; the dashboard derives nothing itself.
      const snapshot = await get().client.call('state.snapshot', { projectId });
      if (get().currentId !== projectId) return;
      set((s) => ({
        services: byName(snapshot.services),
        servicesLoaded: true,
        servicesError: undefined,
        host: { ...s.host, status: snapshot.engine },
      }));
    } catch (error) {
      if (get().currentId === projectId) set({ servicesLoaded: true, servicesError: toErrorInfo(error) });
    }
  },
  async stackAction(action) {
    const projectId = get().currentId;
    if (!projectId || get().stackBusy) return;
    set({ stackBusy: action, stackError: undefined });
    const client = get().client;
    try {
      await client.runTask(action === 'up' ? 'stack.up' : action === 'down' ? 'stack.down' : 'stack.restart', { projectId });
      set({ stackBusy: undefined });
    } catch (error) {
      set({ stackBusy: undefined, stackError: toErrorInfo(error) });
    }
    if (action !== 'restart' && get().currentId === projectId) void get().refreshServices();
  },
  async serviceAction(service, action, index) {
    const projectId = get().currentId;
    if (!projectId) return;
    const key = index === undefined ? service : `${service}-${index}`;
    set((s) => ({ serviceBusy: { ...s.serviceBusy, [key]: action }, serviceErrors: without(s.serviceErrors, key) }));
    const input = { projectId, services: [service], ...(index !== undefined ? { index } : {}) };
    const client = get().client;
    let failure: ReturnType<typeof toErrorInfo> | undefined;
    try {
      await client.runTask(action === 'start' ? 'stack.start' : action === 'stop' ? 'stack.stop' : 'stack.restart', input);
    } catch (error) {
      failure = toErrorInfo(error);
    }
    set((s) => ({
      serviceBusy: without(s.serviceBusy, key),
      serviceErrors: failure ? { ...s.serviceErrors, [key]: failure } : s.serviceErrors,
    }));
  },
  applyServices(services) {
    set({ services: byName(services), servicesLoaded: true, servicesError: undefined });
  },
  applyService(service) {
    set((s) => ({ services: { ...s.services, [service.service]: service } }));
  },
  setHost(host) {
    set({ host });
  },
});

function byName(list: ServiceState[]): Record<string, ServiceState> {
  return Object.fromEntries(list.map((s) => [s.service, s]));
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
