import type { HandlerGroup } from './types.js';

export const auditHandlers: HandlerGroup<'audit.list'> = ({ ports }) => ({
  'audit.list': ({ limit, before }) => ports.store.audit.list({ limit, before }),
});
