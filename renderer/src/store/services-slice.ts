import type { StateCreator } from 'zustand/vanilla';
import type { AppState, ServicesSlice } from './types';
import type { ServiceState } from './service-state';
import { fetchSnapshot } from './snapshot';

export const servicesSlice: StateCreator<AppState, [], [], ServicesSlice> = (set, get) => ({
  services: {},
  servicesLoaded: false,
  host: { status: 'unknown' },
  serviceBusy: {},
  doneTasks: {},
  serviceErrors: {},
  async refreshServices() {
    const projectId = get().currentId;
    if (!projectId) return;
    const snapshot = await fetchSnapshot(get().client, projectId);
    if (get().currentId !== projectId) return;
    if (!snapshot.ok) {
      set({ servicesLoaded: true, servicesError: snapshot.error });
      return;
    }
    set((s) => ({
      services: byName(snapshot.value.services),
      servicesLoaded: true,
      servicesError: undefined,
      host: { ...s.host, status: snapshot.value.engine },
    }));
  },
  async stackAction(action) {
    const projectId = get().currentId;
    if (!projectId || get().stackBusy) return;
    set({ stackBusy: action, stackError: undefined });
    const client = get().client;
    if (action === 'restart') {
      const result = await client.call('stack.restart', { projectId });
      set({ stackBusy: undefined, ...(result.ok ? {} : { stackError: result.error }) });
      return;
    }
    const result = action === 'up' ? await client.call('stack.up', { projectId }) : await client.call('stack.down', { projectId });
    if (!result.ok) {
      set({ stackBusy: undefined, stackError: result.error });
      return;
    }
    // Finished when task.done for this id arrives (feeds.ts), or already did.
    const early = get().doneTasks[result.value.taskId];
    if (early) set({ stackBusy: undefined, ...(early.ok ? {} : { stackError: early.error }) });
    else if (get().stackBusy === action) set({ stackTaskId: result.value.taskId });
  },
  async serviceAction(service, action) {
    const projectId = get().currentId;
    if (!projectId) return;
    set((s) => ({ serviceBusy: { ...s.serviceBusy, [service]: action }, serviceErrors: without(s.serviceErrors, service) }));
    const input = { projectId, services: [service] };
    const client = get().client;
    const result = action === 'start' ? await client.call('stack.start', input) : action === 'stop' ? await client.call('stack.stop', input) : await client.call('stack.restart', input);
    set((s) => ({
      serviceBusy: without(s.serviceBusy, service),
      serviceErrors: result.ok ? s.serviceErrors : { ...s.serviceErrors, [service]: result.error },
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
