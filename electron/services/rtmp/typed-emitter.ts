/** A small typed event emitter: listeners per event name, `on` returns the unsubscribe function. */
type Listener = (...args: unknown[]) => void;

export class TypedEmitter<E extends { [K in keyof E]: unknown[] }> {
  private readonly listeners = new Map<keyof E, Set<Listener>>();

  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const l = listener as unknown as Listener;
    set.add(l);
    return () => set.delete(l);
  }

  protected emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(...args);
      } catch (e) {
        // A failing listener must not break the connection that emitted the event.
        console.error(`bitlens: a '${String(event)}' listener failed:`, e);
      }
    }
  }
}
