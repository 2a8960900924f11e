import { AppError } from '../app-error.js';
import type { HandlerGroup } from '../handlers/types.js';

type RbacOperation =
  | 'orgs.list' | 'orgs.create' | 'orgs.update' | 'orgs.remove'
  | 'roles.catalogue' | 'roles.list' | 'roles.get' | 'roles.validate' | 'roles.create' | 'roles.update' | 'roles.remove'
  | 'roles.import' | 'roles.export' | 'access.check' | 'access.whoGrants';

// Scaffold while the roles engine is written on its branch: every operation answers a typed error.
const pending = (): never => {
  throw new AppError('internal', 'Roles are not available in this build.');
};

export const rbacHandlers: HandlerGroup<RbacOperation> = () => ({
  'orgs.list': pending, 'orgs.create': pending, 'orgs.update': pending, 'orgs.remove': pending,
  'roles.catalogue': pending, 'roles.list': pending, 'roles.get': pending, 'roles.validate': pending, 'roles.create': pending,
  'roles.update': pending, 'roles.remove': pending, 'roles.import': pending, 'roles.export': pending,
  'access.check': pending, 'access.whoGrants': pending,
});
