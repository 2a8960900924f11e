import { useMemo, useState } from 'react';
import { Modal, Stepper } from '@mantine/core';
import type { ConnectionView } from '../../../main/contract/index';
import { useOperation } from '../../client';
import { notifySuccess } from '../../app/notify';
import { DonePanel } from './done-panel';
import { useDiscardGuard } from './discard-guard';
import type { EditorStep } from './editor-frame';
import { oidcDraft, samlDraft } from './form-model';
import { OidcEditor } from './oidc-editor';
import { ProviderStep, type ProviderChoice } from './provider-step';
import { SamlEditor } from './saml-editor';

const stepIndex = { provider: 0, form: 1, review: 2, done: 3 } as const;
type WizardStep = keyof typeof stepIndex;

/**
 * "+ New connection" (ClearML's "New Provider Connection"): provider and preset → configuration → review and save,
 * then the URLs to register. A keyboard-operable Mantine Modal (focus trapped, Escape closes) with a Stepper header.
 */
export function ConnectionWizard({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: (view: ConnectionView) => void }) {
  const [step, setStep] = useState<WizardStep>('provider');
  const [choice, setChoice] = useState<ProviderChoice | null>(null);
  const [saved, setSaved] = useState<ConnectionView | null>(null);
  const settings = useOperation('settings.get', {});
  const testPort = settings.data?.testPort;

  const guard = useDiscardGuard(onClose);
  const close = () => onClose();
  // Reset once the modal has faded out, so its content does not flip back to step 1 while it closes.
  const reset = () => {
    guard.reset();
    setStep('provider');
    setChoice(null);
    setSaved(null);
  };
  const choiceKey = choice ? JSON.stringify(choice) : '';
  // One draft per choice: going back to step 1 and on with the same choice keeps what was typed.
  const initial = useMemo(() => {
    if (!choice) return null;
    return choice.protocol === 'oidc' ? oidcDraft(choice.provider, choice.preset) : samlDraft(choice.provider, choice.preset);
  }, [choice]);

  // The id the connection will have, fixed when the draft starts: its test URLs are final from step 2 on.
  const draftId = useMemo(() => (choiceKey ? crypto.randomUUID() : undefined), [choiceKey]);

  const saveDone = (view: ConnectionView) => {
    guard.reset();
    setSaved(view);
    setStep('done');
    onSaved(view);
    notifySuccess('Connection created', `${view.name} is saved. Register its URLs at the identity provider.`);
  };
  const editorProps = {
    layout: 'wizard' as const,
    notes: choice?.preset.notes ?? [],
    testPort,
    draftId,
    step: (step === 'review' ? 'review' : 'form') as EditorStep,
    onStepChange: (next: EditorStep) => setStep(next),
    onBack: () => setStep('provider'),
    onCancel: guard.requestClose,
    onSaved: saveDone,
    onDirtyChange: guard.setDirty,
  };

  return (
    <>
    {guard.confirm}
    <Modal
      opened={opened}
      onClose={step === 'done' ? close : guard.requestClose}
      onExitTransitionEnd={reset}
      title="New provider connection"
      size={920}
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': 'Close the new connection wizard' }}
      data-testid="connection-wizard"
    >
      <Stepper
        active={stepIndex[step]}
        onStepClick={(index) => index < stepIndex[step] && step !== 'done' && setStep((['provider', 'form', 'review'] as const)[index] ?? 'provider')}
        allowNextStepsSelect={false}
        size="sm"
        mb="lg"
      >
        <Stepper.Step label="Provider" description="Protocol and vendor" />
        <Stepper.Step label="Configuration" description="The IdP app's settings" />
        <Stepper.Step label="Review and save" description="Check, then save" />
      </Stepper>
      {step === 'provider' && <ProviderStep initial={choice} onCancel={guard.requestClose} onNext={(next) => { setChoice(next); setStep('form'); }} />}
      {choice && initial && step !== 'done' && (
        <div style={{ display: step === 'provider' ? 'none' : undefined }}>
          {choice.protocol === 'oidc' ? (
            <OidcEditor key={choiceKey} initial={initial as ReturnType<typeof oidcDraft>} {...editorProps} />
          ) : (
            <SamlEditor key={choiceKey} initial={initial as ReturnType<typeof samlDraft>} {...editorProps} />
          )}
        </div>
      )}
      {step === 'done' && saved && <DonePanel view={saved} onClose={close} />}
    </Modal>
    </>
  );
}
