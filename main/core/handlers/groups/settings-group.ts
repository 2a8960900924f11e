import { settingsOperations } from '../../../contract/operations/settings.js';
import { settingsHandlers } from '../settings-handlers.js';
import type { GroupDeps } from '../handler-groups.js';

export const definitions = settingsOperations;
export const handlers = ({ context }: GroupDeps) => settingsHandlers(context);
