import { useEffect } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useWatch, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { useOperation } from '../../client';

/** Names compare as the engine compares them: case, width variants and invisible characters ignored. */
const key = (name: string) => name.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim().toLowerCase();

/**
 * A display name another connection has is flagged as it is typed, not only when Save is refused. The engine still
 * decides on save; this is the early word.
 */
export function useNameCheck<T extends FieldValues>(form: UseFormReturn<T>, ownId: string | undefined): void {
  const field = 'displayName' as Path<T>;
  const name = useWatch({ control: form.control, name: field }) as string | undefined;
  // Asks the engine for the names containing what is typed (not the whole list: a store may hold 10,000).
  const [typedName] = useDebouncedValue(key(name ?? ''), 150);
  const { data } = useOperation('connections.list', typedName === '' ? { ids: [] } : { search: typedName });
  useEffect(() => {
    const typed = key(name ?? '');
    const taken = typed !== '' && (data ?? []).find((c) => c.id !== ownId && key(c.name) === typed);
    const current = form.getFieldState(field).error;
    if (taken) form.setError(field, { type: 'taken', message: `A connection named "${taken.name}" exists already: names are unique (ignoring case).` });
    else if (current?.type === 'taken') form.clearErrors(field);
  }, [name, data, ownId, form, field]);
}
