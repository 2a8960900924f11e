import type { AuditEntry } from '../contract/index.js';
import type { Ports } from './ports/index.js';
import type { EventBus } from './event-bus.js';

/** Records who changed what and when, for every change the engine makes, and announces it. */
export class AuditTrail {
  constructor(
    private readonly ports: Ports,
    private readonly events: EventBus,
  ) {}

  record(action: string, subject: string, detail: Record<string, unknown> = {}): AuditEntry {
    const entry = this.ports.store.audit.append({
      at: this.ports.clock.now().toISOString(),
      actor: this.ports.runtime.actor,
      action,
      subject,
      detail,
    });
    this.events.emit({ name: 'onAuditAppended', payload: entry });
    return entry;
  }
}
