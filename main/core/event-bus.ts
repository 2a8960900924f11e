import type { WorkbenchEvent } from '../contract/index.js';

export type EventListener = (event: WorkbenchEvent) => void;

/** In-process fan-out of engine events to the adapters. A throwing listener never breaks the others. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WorkbenchEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed window, a dropped HTTP stream) must not stop delivery to others.
      }
    }
  }
}
