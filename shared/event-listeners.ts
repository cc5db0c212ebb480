/**
 * Event listeners by name, as both remote transports keep them: the preload bridge (events
 * from the main process) and the browser WebSocket (events from `slipway serve`). A listener
 * that throws is logged and does not stop the others.
 */
export class EventListeners {
  private readonly byName = new Map<string, Set<(payload: unknown) => void>>();

  add(name: string, listener: (payload: unknown) => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(name: string, payload: unknown): void {
    for (const listener of this.byName.get(name) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`slipway: a listener of ${name} threw`, error);
      }
    }
  }
}
