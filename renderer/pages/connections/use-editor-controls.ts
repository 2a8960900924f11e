import { useCallback, useState } from 'react';
import type { FieldErrors, FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import type { AppErrorShape } from '../../../main/contract/index';
import { applyFieldIssues, type FieldIssue } from './field-errors';
import type { EditorStep } from './editor-frame';

/** The dotted path of the first field error, in the order the errors object holds them. */
function firstErrorPath(errors: FieldErrors, prefix = ''): string | null {
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if ('message' in value && typeof value.message === 'string') return path;
    const nested = firstErrorPath(value as FieldErrors, path);
    if (nested) return nested;
  }
  return null;
}

export interface EditorControls {
  saveError: { error: AppErrorShape; unplaced: FieldIssue[] } | null;
  clearSaveError: () => void;
  /** Puts an engine error on the fields it names and returns to the configuration step. */
  showEngineError: (error: AppErrorShape) => void;
  /** handleSubmit's invalid branch: back to the configuration, focus on the first wrong field. */
  onInvalid: (errors: FieldErrors) => void;
  /** Wizard "Next": validates everything; moves on only when the form is valid. */
  next: () => Promise<void>;
}

/** What both protocol editors do around validation and engine errors. */
export function useEditorControls<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  options: { knownFields: ReadonlySet<string>; aliases?: Record<string, string>; onStepChange: (step: EditorStep) => void },
): EditorControls {
  const { knownFields, aliases, onStepChange } = options;
  const [saveError, setSaveError] = useState<EditorControls['saveError']>(null);

  const focusFirstError = useCallback(() => {
    // After the step switch has rendered the configuration again.
    requestAnimationFrame(() => {
      const path = firstErrorPath(form.formState.errors);
      if (path && knownFields.has(path)) form.setFocus(path as FieldPath<T>);
    });
  }, [form, knownFields]);

  const showEngineError = useCallback(
    (error: AppErrorShape) => {
      onStepChange('form');
      const unplaced = applyFieldIssues(error, form.setError, knownFields, aliases);
      setSaveError({ error, unplaced });
      focusFirstError();
    },
    [aliases, focusFirstError, form.setError, knownFields, onStepChange],
  );

  const onInvalid = useCallback(() => {
    onStepChange('form');
    focusFirstError();
  }, [focusFirstError, onStepChange]);

  const next = useCallback(async () => {
    const valid = await form.trigger(undefined, { shouldFocus: true });
    if (valid) {
      setSaveError(null);
      onStepChange('review');
    }
  }, [form, onStepChange]);

  return { saveError, clearSaveError: useCallback(() => setSaveError(null), []), showEngineError, onInvalid, next };
}
