import { auditOperations } from '../../../contract/operations/audit.js';
import { auditHandlers } from '../audit-handlers.js';
import type { GroupDeps } from '../handler-groups.js';

export const definitions = auditOperations;
export const handlers = ({ context }: GroupDeps) => auditHandlers(context);
