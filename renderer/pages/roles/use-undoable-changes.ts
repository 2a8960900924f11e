import { useCallback, useState } from 'react';
import type { AppErrorShape, OperationInput, OperationName, OperationOutput, OrganizationView, Result, RoleDraft, RoleView } from '../../../main/contract/index';
import { callOperation, useWorkbench } from '../../client';
import { notifyFailure, notifySuccess } from '../../app/notify';
import { draftOf, savedRole } from './role-drafts';

/** The last change, as the page can revert it: a label for the Undo button and the operations that put things back. */
interface LastChange {
  label: string;
  revert: () => Promise<AppErrorShape | null>;
}

export interface UndoableChanges {
  createRole: (draft: RoleDraft) => Promise<Result<RoleView>>;
  updateRole: (before: RoleView, draft: RoleDraft) => Promise<Result<RoleView>>;
  removeRole: (role: RoleView) => Promise<Result<unknown>>;
  createOrg: (input: { id?: string; name: string }) => Promise<Result<OrganizationView>>;
  renameOrg: (org: OrganizationView, name: string) => Promise<Result<OrganizationView>>;
  removeOrg: (org: OrganizationView, roles: readonly RoleView[]) => Promise<Result<unknown>>;
  last: { label: string } | null;
  undo: () => Promise<void>;
  undoing: boolean;
}

/**
 * Role and organization changes through the engine, each remembered so the page can undo the last one: a create is
 * undone by a remove, an update by writing the previous fields back, a remove by `roles.restore` (the roles with their
 * ids, an organization with the roles it took along, all or nothing). Every step is an operation, so the audit log
 * records the undo too.
 */
export function useUndoableChanges(onChanged: () => void): UndoableChanges {
  const api = useWorkbench();
  const [last, setLast] = useState<LastChange | null>(null);
  const [undoing, setUndoing] = useState(false);

  const call = useCallback(<N extends OperationName>(name: N, input: OperationInput<N>): Promise<Result<OperationOutput<N>>> => callOperation(api, name, input), [api]);
  const errorOf = (result: Result<unknown>): AppErrorShape | null => (result.ok ? null : result.error);
  const remember = (label: string, revert: () => Promise<AppErrorShape | null>) => setLast({ label, revert });
  const after = <T,>(result: Result<T>, onOk: (value: T) => void): Result<T> => {
    if (result.ok) {
      onOk(result.value);
      onChanged();
    }
    return result;
  };

  const createRole = async (draft: RoleDraft) =>
    after(await call('roles.create', draft), (role) => remember(`create role ${role.name}`, async () => errorOf(await call('roles.remove', { ref: role.id }))));

  const updateRole = async (before: RoleView, draft: RoleDraft) =>
    after(await call('roles.update', { id: before.id, draft }), (role) =>
      remember(`edit of ${role.name}`, async () => errorOf(await call('roles.update', { id: before.id, draft: draftOf(before) }))),
    );

  const removeRole = async (role: RoleView) =>
    after(await call('roles.remove', { ref: role.id }), () => remember(`delete role ${role.name}`, async () => errorOf(await call('roles.restore', { organization: null, roles: [savedRole(role)] }))));

  const createOrg = async (input: { id?: string; name: string }) =>
    after(await call('orgs.create', input), (org) => remember(`add organization ${org.name}`, async () => errorOf(await call('orgs.remove', { ref: org.id, withRoles: false }))));

  const renameOrg = async (org: OrganizationView, name: string) =>
    after(await call('orgs.update', { ref: org.id, name }), () => remember(`rename of ${org.name}`, async () => errorOf(await call('orgs.update', { ref: org.id, name: org.name }))));

  const removeOrg = async (org: OrganizationView, roles: readonly RoleView[]) =>
    after(await call('orgs.remove', { ref: org.id, withRoles: roles.length > 0 }), () =>
      remember(`delete organization ${org.name}`, async () =>
        errorOf(await call('roles.restore', { organization: { id: org.id, name: org.name, createdAt: org.createdAt }, roles: roles.map(savedRole) })),
      ),
    );

  const undo = async () => {
    if (!last) return;
    setUndoing(true);
    const error = await last.revert();
    setUndoing(false);
    onChanged();
    if (error) {
      notifyFailure(`Undo of ${last.label} failed`, error);
      return;
    }
    notifySuccess('Undone', `The ${last.label} is undone.`);
    setLast(null);
  };

  return { createRole, updateRole, removeRole, createOrg, renameOrg, removeOrg, last: last ? { label: last.label } : null, undo, undoing };
}
