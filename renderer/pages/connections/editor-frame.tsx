import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Box, Button, Checkbox, Group, List, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconDeviceFloppy, IconPlayerPlay } from '@tabler/icons-react';
import type { AppErrorShape } from '../../../main/contract/index';
import type { FieldIssue } from './field-errors';
import classes from './editor-frame.module.css';

export type EditorStep = 'form' | 'review';

export interface EditorFrameProps {
  layout: 'wizard' | 'edit';
  step: EditorStep;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onNext: () => void;
  onBack: () => void;
  onCancel: () => void;
  saving: boolean;
  /** The engine refused the save: its message, and the issues no field on screen could take. */
  saveError: { error: AppErrorShape; unplaced: FieldIssue[] } | null;
  config: ReactNode;
  review: ReactNode;
  /** Test the draft as it stands, before saving (`tests.startDraft`), with its result shown in place. */
  test: { onTest: (forceLogin: boolean) => void; starting: boolean; panel: ReactNode };
}

/**
 * The shell both protocol forms share: one `<form>` holding the configuration (kept mounted on the review step, so
 * values and engine errors survive going back) and the review, with the footer buttons of the step.
 */
export function EditorFrame({ layout, step, onSubmit, onNext, onBack, onCancel, saving, saveError, config, review, test }: EditorFrameProps) {
  const reviewing = layout === 'wizard' && step === 'review';
  const [forceLogin, setForceLogin] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  // A refused save is shown where the user is looking: scrolled into view, focus on the message.
  useEffect(() => {
    if (!saveError || !errorRef.current) return;
    errorRef.current.scrollIntoView({ block: 'center', behavior: 'smooth' });
    errorRef.current.focus({ preventScroll: true });
  }, [saveError]);
  // Enter in a field of the wizard's configuration step goes to the next step; it saves only on the review step.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (layout === 'wizard' && step === 'form') {
      event.preventDefault();
      onNext();
      return;
    }
    onSubmit(event);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={layout === 'wizard' ? 'New connection' : 'Edit connection'}>
      <Stack gap="md">
        {saveError && (
          <Alert ref={errorRef} tabIndex={-1} color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Not saved" role="alert" data-testid="save-error">
            <SaveErrorBody error={saveError.error} unplaced={saveError.unplaced} />
          </Alert>
        )}
        {(reviewing || layout === 'edit') && test.panel}
        <Box display={reviewing ? 'none' : undefined}>{config}</Box>
        {reviewing && review}
        <Group justify="space-between" className={classes.footer}>
          {layout === 'wizard' ? (
            <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack} disabled={saving}>
              Back
            </Button>
          ) : (
            <Button variant="default" onClick={onCancel} disabled={saving}>
              Cancel
            </Button>
          )}
          <Group gap="sm">
            {(reviewing || layout === 'edit') && (
              <>
                <Tooltip label="Ask the IdP to log in again (prompt=login / ForceAuthn), to test as another user while signed in there" multiline maw={320}>
                  <Checkbox label="Log in again" checked={forceLogin} onChange={(event) => setForceLogin(event.currentTarget.checked)} />
                </Tooltip>
                <Button variant="light" leftSection={<IconPlayerPlay size={16} aria-hidden />} loading={test.starting} onClick={() => test.onTest(forceLogin)} data-testid="test-draft">
                  Test
                </Button>
              </>
            )}
            {/* Distinct keys: React must not turn the clicked Next into the submit button while its click is still being handled. */}
            {layout === 'wizard' && step === 'form' ? (
              // A submit button, so Enter in any field of this step goes on too (the form's submit handler calls onNext here).
              <Button key="next" type="submit" rightSection={<IconArrowRight size={16} aria-hidden />} data-testid="wizard-next">
                Next
              </Button>
            ) : (
              <Button key="save" type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} aria-hidden />} data-testid="save-connection">
                Save
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function SaveErrorBody({ error, unplaced }: { error: AppErrorShape; unplaced: FieldIssue[] }) {
  if (unplaced.length > 0) {
    return (
      <List size="sm" spacing={2}>
        {unplaced.map((issue) => (
          <List.Item key={`${issue.field}:${issue.message}`}>{issue.message}</List.Item>
        ))}
      </List>
    );
  }
  const placed = Boolean(error.issues?.length || error.field);
  return (
    <Text size="sm">
      {placed ? 'The fields marked below need a fix.' : error.message} {error.hint ?? ''}
    </Text>
  );
}
