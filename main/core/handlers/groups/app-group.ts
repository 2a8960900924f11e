import { appOperations } from '../../../contract/operations/app.js';
import { appHandlers } from '../app-handlers.js';
import type { GroupDeps } from '../handler-groups.js';

export const definitions = appOperations;
export const handlers = ({ context }: GroupDeps) => appHandlers(context);
