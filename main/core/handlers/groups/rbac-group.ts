import { rbacOperations } from '../../../contract/operations/rbac.js';
import { rbacHandlers } from '../../rbac/handlers.js';
import type { GroupDeps } from '../handler-groups.js';

export const definitions = rbacOperations;
// Access decisions from a token or a SAML Response use the inspect pipeline: the TestRunService, loaded then.
export const handlers = ({ context, testRuns }: GroupDeps) => rbacHandlers(context, async (ref, input) => (await testRuns()).evaluate(ref, input));
