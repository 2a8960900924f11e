import type { HandlerContext, Handler } from '../handlers/types.js';
import { accessHandlers } from './access-handlers.js';
import type { EvaluateToken } from './claims-source.js';
import { organizationHandlers } from './org-handlers.js';
import { roleHandlers } from './role-handlers.js';

type RbacOperation =
  | 'orgs.list' | 'orgs.create' | 'orgs.update' | 'orgs.remove'
  | 'roles.catalogue' | 'roles.list' | 'roles.get' | 'roles.validate' | 'roles.create' | 'roles.update' | 'roles.remove'
  | 'roles.import' | 'roles.export' | 'roles.restore' | 'access.check' | 'access.whoGrants';

/**
 * Organizations, roles and access decisions (Arthur RBAC). `evaluate` is the inspect pipeline without History
 * (TestRunService.evaluate), so a pasted token or Response goes through the same checks as `tests.inspect`.
 */
export function rbacHandlers(context: HandlerContext, evaluate: EvaluateToken): { [N in RbacOperation]: Handler<N> } {
  return {
    ...organizationHandlers(context),
    ...roleHandlers(context),
    ...accessHandlers(context, evaluate),
  };
}
