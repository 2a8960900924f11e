import type { Result, RoleView } from '../../../main/contract/index';
import { ConfirmDeleteModal } from './confirm-delete-modal';

/** Delete a role; Undo on the page brings it back. */
export function DeleteRoleModal({ role, onClose, onDelete }: { role: RoleView | null; onClose: () => void; onDelete: (role: RoleView) => Promise<Result<unknown>> }) {
  return (
    <ConfirmDeleteModal
      title="Delete role"
      name={role?.name ?? ''}
      opened={role !== null}
      question={
        role && (
          <>
            Delete <b>{role.name}</b>? Members of the IdP group {role.name} lose its {role.effectivePermissions.length} permissions, and are denied if no other group of
            theirs matches a role.
          </>
        )
      }
      done={['Role deleted', `${role?.name} is deleted. Undo brings it back.`]}
      onClose={onClose}
      onDelete={() => onDelete(role as RoleView)}
    />
  );
}
