import type { StoredTarget, TargetView } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import type { Ports, TargetRepo } from '../ports/index.js';

/** The keychain item of a target's token (product.md: one item per secret; removing the target removes it). */
export const targetTokenAccount = (targetId: string): string => `target:${targetId}:token`;

export function findTarget(repo: TargetRepo, ref: string): StoredTarget | undefined {
  const key = ref.trim();
  return repo.get(key) ?? repo.findByName(key);
}

export function requireTarget(repo: TargetRepo, ref: string): StoredTarget {
  const found = findTarget(repo, ref);
  if (!found) {
    throw new AppError('not_found', `No target named or with id "${ref}".`, { field: 'ref', hint: 'List them with `ssowb targets list`, or add one with `ssowb targets add`.' });
  }
  return found;
}

export function assertTargetNameFree(repo: TargetRepo, name: string, ownId: string | null): void {
  const clash = repo.findByName(name);
  if (clash && clash.id !== ownId) {
    throw new AppError('conflict', `name: a target named "${clash.name}" already exists (names are unique, ignoring case).`, {
      field: 'name',
      hint: 'Choose another name, or update the existing target.',
    });
  }
}

const countCertificates = (pem: string | null): number => (pem ? (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length : 0);

export function toTargetView(target: StoredTarget): TargetView {
  const { caBundle, ...rest } = target;
  return { ...rest, caCertificates: countCertificates(caBundle) };
}

/** The token from the keychain; a target without one cannot be planned or pushed. */
export async function readTargetToken(ports: Ports, target: StoredTarget): Promise<string> {
  const token = target.hasToken ? await ports.secrets.get(targetTokenAccount(target.id)) : null;
  if (!token) {
    throw new AppError('invalid_input', `token: target "${target.name}" has no token in the keychain.`, {
      field: 'token',
      hint: target.rehearsal
        ? 'Click "Add local rehearsal target" again to refresh it.'
        : `Set one: \`ssowb targets add --name "${target.name}" --url ${target.url} --token-env VAR\` again, or edit it on the Targets page.`,
    });
  }
  return token;
}
