import { testRunOperations } from '../../../contract/operations/test-runs.js';
import { testRunHandlers } from '../../test-runs/handlers.js';
import type { GroupDeps } from '../handler-groups.js';

export const definitions = testRunOperations;
export const handlers = async ({ context, testRuns }: GroupDeps) => testRunHandlers(context, await testRuns());
