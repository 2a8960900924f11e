import { useEffect, useState } from 'react';
import { Stack } from '@mantine/core';
import { useForm, useWatch } from 'react-hook-form';
import type { ConnectionView } from '../../../main/contract/index';
import { CommonSection } from './common-section';
import { draftProductionUrl, draftSpEntityId, draftTestUrl } from './draft-urls';
import { EditorFrame, type EditorStep } from './editor-frame';
import { samlFormFromView, samlResolver, type SamlFormOutput, type SamlFormValues, type SamlView } from './form-model';
import { diffPatch } from './form-values';
import type { KeyAction } from './key-pair-panel';
import { MappingsSection } from './mappings-section';
import { commonReviewRows, PresetNotes, ReviewSummary, shown } from './review-summary';
import { SamlIdpSection } from './saml-idp-section';
import { SamlSecuritySection } from './saml-security-section';
import { UrlPanel } from './url-panel';
import { useEditorControls } from './use-editor-controls';
import { useSaveConnection } from './use-save-connection';
import { useDraftTest } from './use-draft-test';
import { useNameCheck } from './use-name-check';
import { DraftTestPanel } from '../test-run/draft-test-panel';

const SAVE_NOTE = 'Save now to keep exactly these settings: this passing run becomes the connection’s validation (exports rely on it).';

const samlFields = [
  'spEntityId', 'idp.entityId', 'idp.ssoUrl', 'idp.ssoBinding', 'idp.certificates', 'nameIdFormat', 'requireSignedAssertions',
  'requireSignedResponse', 'allowSha1', 'clockSkewSeconds', 'signRequests', 'signingCertificate',
  ...['userId', 'email', 'name', 'givenName', 'familyName', 'picture'].map((key) => `attributeMappings.${key}`),
  ...['enabled', 'attribute', 'caseSensitive', 'adminGroups', 'groupNameFromDnCn'].map((key) => `groupSync.${key}`),
].map((key) => `saml.${key}`);
const knownFields = new Set(['displayName', 'webappUrl', 'platform', 'active', 'privateKeyPem', 'pendingKeyId', ...samlFields]);
const aliases = { generateKeyPair: 'saml.signingCertificate' };
/** Patched whole: a certificate is one fact, not a set of fields. */
const atomic = new Set(['saml.signingCertificate', 'saml.idp.metadataSource']);

export interface SamlEditorProps {
  layout: 'wizard' | 'edit';
  initial: SamlFormValues;
  view?: SamlView | undefined;
  notes: string[];
  testPort: number | undefined;
  /** The id the connection will have (chosen when the wizard's draft starts), so its test URLs are final before saving. */
  draftId?: string | undefined;
  /** Told whenever the form gets or loses unsaved edits (the dialog asks before discarding them). */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
  step: EditorStep;
  onStepChange: (step: EditorStep) => void;
  onBack: () => void;
  onCancel: () => void;
  onSaved: (view: ConnectionView, created: boolean) => void;
}

/** The SAML configuration form (create through the wizard, or edit a saved connection). */
export function SamlEditor({ layout, initial, view, notes, testPort, draftId, onDirtyChange, step, onStepChange, onBack, onCancel, onSaved }: SamlEditorProps) {
  const form = useForm<SamlFormValues, unknown, SamlFormOutput>({ resolver: samlResolver(view ? 'edit' : 'create'), mode: 'onTouched', defaultValues: initial });
  const controls = useEditorControls(form, { knownFields, aliases, onStepChange });
  const [keyAction, setKeyAction] = useState<KeyAction>(view?.hasPrivateKey ? 'keep' : 'generate');
  const saver = useSaveConnection(controls.showEngineError, onSaved);
  const [provider, platform, webappUrl, spOverride] = useWatch({ control: form.control, name: ['provider', 'platform', 'webappUrl', 'saml.spEntityId'] });

  const subject = { protocol: 'saml' as const, provider, platform: platform ?? 'clearml', webappUrl };
  const unchangedUrl = view && view.platform === subject.platform && (view.webappUrl ?? '') === (webappUrl ?? '').trim();
  const defaultSpEntityId = view ? view.testAcsUrl.replace(/\/acs$/, '') : draftSpEntityId(testPort, draftId);
  /** The SP entity ID in effect: the override as typed, else the loopback default. */
  const spEntityId = spOverride?.trim() || defaultSpEntityId;
  const urls = (
    <UrlPanel
      protocol="saml"
      productionUrl={unchangedUrl ? view.productionCallbackUrl : draftProductionUrl(subject)}
      testUrl={view?.testAcsUrl ?? draftTestUrl('saml', testPort, draftId)}
      draft={!view && !draftId}
      spEntityId={spEntityId}
    />
  );

  const save = async (values: SamlFormOutput) => {
    controls.clearSaveError();
    const { privateKeyPem, pendingKeyId, generateKeyPair: _unused, ...settings } = values;
    if (!view) {
      const signing = settings.saml.signRequests;
      const input = signing ? values : { ...settings, saml: { ...settings.saml, signingCertificate: undefined } };
      await saver.create({ ...input, ...(draftId ? { id: draftId } : {}) });
      return;
    }
    if (keyAction === 'paste' && !privateKeyPem) {
      form.setError('privateKeyPem', { type: 'manual', message: 'Paste the private key that belongs to the certificate.' }, { shouldFocus: true });
      return;
    }
    const { privateKeyPem: _none, ...before } = samlFormFromView(view);
    const patch = diffPatch({ ...before, webappUrl: before.webappUrl || undefined }, settings, atomic);
    const secrets = {
      ...(keyAction === 'remove' ? { privateKeyPem: null } : keyAction === 'paste' ? { privateKeyPem } : {}),
      ...(keyAction === 'generate' && pendingKeyId ? { pendingKeyId } : {}),
    };
    await saver.update({ id: view.id, ...patch, ...secrets });
  };

  useNameCheck(form, view?.id);
  const dirty = form.formState.isDirty;
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  const draftTest = useDraftTest();
  const runTest = (forceLogin: boolean) =>
    void form.handleSubmit(async (values) => {
      controls.clearSaveError();
      const { privateKeyPem, pendingKeyId, generateKeyPair: _unused, ...settings } = values;
      const signing = settings.saml.signRequests;
      const key = keyAction === 'paste' ? { privateKeyPem } : keyAction === 'generate' && pendingKeyId ? { pendingKeyId } : {};
      const draft = signing ? { ...settings, ...key } : { ...settings, saml: { ...settings.saml, signingCertificate: undefined } };
      await draftTest.run({ ...draft, id: view?.id ?? draftId }, forceLogin);
    }, controls.onInvalid)();
  const testPanel = draftTest.runId ? <DraftTestPanel key={draftTest.runId} runId={draftTest.runId} saveNote={SAVE_NOTE} /> : null;

  const values = form.getValues();
  const saml = values.saml;
  const reviewRows = [
    ...commonReviewRows(values, 'SAML'),
    { label: 'SP entity ID', value: shown(spEntityId) },
    { label: 'IdP entity ID', value: shown(saml?.idp?.entityId) },
    { label: 'IdP SSO URL', value: shown(saml?.idp?.ssoUrl ? `${saml.idp.ssoUrl} (${saml.idp.ssoBinding ?? 'HTTP-Redirect'})` : '') },
    { label: 'IdP certificates', value: `${saml?.idp?.certificates?.length ?? 0}` },
    { label: 'Signed assertions', value: saml?.requireSignedAssertions === false ? 'not required' : 'required' },
    { label: 'Sign requests', value: saml?.signRequests ? (saml.signingCertificate ? `yes: ${saml.signingCertificate.subject}` : 'yes, no key yet') : 'no' },
    { label: 'User ID attribute', value: shown(saml?.attributeMappings?.userId) },
    { label: 'Groups attribute', value: saml?.groupSync?.enabled ? shown(saml.groupSync.attribute) : 'group sync off' },
  ];

  return (
    <EditorFrame
      layout={layout}
      step={step}
      onSubmit={(event) => void form.handleSubmit(save, controls.onInvalid)(event)}
      onNext={() => void controls.next()}
      onBack={step === 'review' ? () => onStepChange('form') : onBack}
      onCancel={onCancel}
      saving={saver.saving}
      saveError={controls.saveError}
      config={
        <Stack gap="md">
          {notes.length > 0 && layout === 'wizard' && <PresetNotes notes={notes} />}
          <CommonSection control={form.control} protocol="saml" urls={urls} />
          <SamlIdpSection form={form} defaultSpEntityId={defaultSpEntityId} />
          <SamlSecuritySection form={form} keyStored={view ? view.hasPrivateKey : undefined} keyAction={keyAction} onKeyAction={setKeyAction} />
          <MappingsSection control={form.control} kind="saml" />
        </Stack>
      }
      review={<ReviewSummary rows={reviewRows} urls={urls} notes={notes} />}
      test={{ onTest: runTest, starting: draftTest.starting, panel: testPanel }}
    />
  );
}
