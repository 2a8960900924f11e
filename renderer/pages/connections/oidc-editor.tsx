import { useEffect, useRef, useState } from 'react';
import { Stack } from '@mantine/core';
import { useForm, useWatch } from 'react-hook-form';
import type { ConnectionView } from '../../../main/contract/index';
import type { SecretAction } from './client-secret-field';
import { CommonSection } from './common-section';
import { draftProductionUrl, draftTestUrl } from './draft-urls';
import { EditorFrame, type EditorStep } from './editor-frame';
import { oidcFormFromView, oidcResolver, type OidcFormOutput, type OidcFormValues, type OidcView } from './form-model';
import { diffPatch } from './form-values';
import { MappingsSection } from './mappings-section';
import { OidcAdditionalSection } from './oidc-additional-section';
import { OidcEndpointsSection } from './oidc-endpoints-section';
import { commonReviewRows, PresetNotes, ReviewSummary, shown } from './review-summary';
import { UrlPanel } from './url-panel';
import { useEditorControls } from './use-editor-controls';
import { useSaveConnection } from './use-save-connection';
import { useDraftTest } from './use-draft-test';
import { useNameCheck } from './use-name-check';
import { DraftTestPanel } from '../test-run/draft-test-panel';

const SAVE_NOTE = 'Save now to keep exactly these settings: this passing run becomes the connection’s validation (exports rely on it).';

const mapped = ['userId', 'email', 'name', 'givenName', 'familyName', 'picture'].map((key) => `oidc.claimMappings.${key}`);
const groupFields = ['enabled', 'claim', 'caseSensitive', 'adminGroups'].map((key) => `oidc.groupSync.${key}`);
const oidcFields = [
  'issuer', 'clientId', 'authorizationEndpoint', 'tokenEndpoint', 'revocationEndpoint', 'userInfoFromIdToken', 'userinfoEndpoint',
  'emailVerification', 'createUsersOnFirstLogin', 'verifyTokenSignature', 'jwksUri', 'codeChallengeMethod', 'standardScopes',
  'additionalScopes', 'tokenEndpointAuthMethod', 'allowedSigningAlgs', 'clockToleranceSeconds',
].map((key) => `oidc.${key}`);
/** Every field on screen, so engine issues (`oidc.jwksUri`) land on their input. */
const knownFields = new Set(['displayName', 'webappUrl', 'platform', 'active', 'clientSecret', ...oidcFields, ...mapped, ...groupFields]);

export interface OidcEditorProps {
  layout: 'wizard' | 'edit';
  initial: OidcFormValues;
  /** The saved connection (edit). */
  view?: OidcView | undefined;
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

/** The OIDC configuration form (create through the wizard, or edit a saved connection). */
export function OidcEditor({ layout, initial, view, notes, testPort, draftId, onDirtyChange, step, onStepChange, onBack, onCancel, onSaved }: OidcEditorProps) {
  const kind = view ? 'edit' : 'create';
  const form = useForm<OidcFormValues, unknown, OidcFormOutput>({ resolver: oidcResolver(kind), mode: 'onTouched', defaultValues: initial });
  const controls = useEditorControls(form, { knownFields, onStepChange });
  const [secretAction, setSecretAction] = useState<SecretAction>('keep');
  const saver = useSaveConnection(controls.showEngineError, onSaved);
  const [provider, platform, webappUrl] = useWatch({ control: form.control, name: ['provider', 'platform', 'webappUrl'] });

  const subject = { protocol: 'oidc' as const, provider, platform: platform ?? 'clearml', webappUrl };
  const unchangedUrl = view && view.platform === subject.platform && (view.webappUrl ?? '') === (webappUrl ?? '').trim();
  const urls = (
    <UrlPanel
      protocol="oidc"
      productionUrl={unchangedUrl ? view.productionCallbackUrl : draftProductionUrl(subject)}
      testUrl={view?.testRedirectUri ?? draftTestUrl('oidc', testPort, draftId)}
      draft={!view && !draftId}
    />
  );

  const save = async (values: OidcFormOutput) => {
    controls.clearSaveError();
    const { clientSecret, ...settings } = values;
    if (!view) {
      await saver.create({ ...values, ...(draftId ? { id: draftId } : {}) });
      return;
    }
    if (secretAction === 'replace' && !clientSecret) {
      form.setError('clientSecret', { type: 'manual', message: 'Paste the new client secret, or keep the stored one.' }, { shouldFocus: true });
      return;
    }
    const { clientSecret: _none, ...before } = oidcFormFromView(view);
    const patch = diffPatch({ ...before, webappUrl: before.webappUrl || undefined }, settings, new Set());
    const secret = secretAction === 'remove' ? null : secretAction === 'replace' ? clientSecret : undefined;
    await saver.update({ id: view.id, ...patch, ...(secret !== undefined ? { clientSecret: secret } : {}) });
  };

  useNameCheck(form, view?.id);
  // An issuer typed on this step but not imported yet is imported on Next (the endpoints come from its document).
  const importRef = useRef<(() => Promise<boolean>) | null>(null);
  const next = async () => {
    const typed = form.getValues('oidc.issuer')?.trim();
    if (typed && !form.getValues('oidc.authorizationEndpoint')?.trim() && importRef.current && !(await importRef.current())) return;
    await controls.next();
  };
  const dirty = form.formState.isDirty;
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  const draftTest = useDraftTest();
  const runTest = (forceLogin: boolean) =>
    void form.handleSubmit(async (values) => {
      controls.clearSaveError();
      const secret = view && secretAction !== 'replace' ? undefined : values.clientSecret || undefined;
      await draftTest.run({ ...values, clientSecret: secret, id: view?.id ?? draftId }, forceLogin);
    }, controls.onInvalid)();
  const testPanel = draftTest.runId ? <DraftTestPanel key={draftTest.runId} runId={draftTest.runId} saveNote={SAVE_NOTE} /> : null;

  const values = form.getValues();
  const reviewRows = [
    ...commonReviewRows(values, 'OIDC'),
    { label: 'Client ID', value: shown(values.oidc?.clientId) },
    { label: 'Client secret', value: values.clientSecret ? 'set (goes to the OS keychain)' : 'not set' },
    { label: 'Issuer', value: shown(values.oidc?.issuer) },
    { label: 'Authorization endpoint', value: shown(values.oidc?.authorizationEndpoint) },
    { label: 'Token endpoint', value: shown(values.oidc?.tokenEndpoint) },
    { label: 'JWKS URI', value: shown(values.oidc?.jwksUri) },
    { label: 'PKCE', value: values.oidc?.codeChallengeMethod ?? 'S256' },
    { label: 'Scopes', value: shown([...(values.oidc?.standardScopes ?? []), ...(values.oidc?.additionalScopes ?? [])].join(' ')) },
    { label: 'Groups claim', value: values.oidc?.groupSync?.enabled ? shown(values.oidc.groupSync.claim) : 'group sync off' },
  ];

  return (
    <EditorFrame
      layout={layout}
      step={step}
      onSubmit={(event) => void form.handleSubmit(save, controls.onInvalid)(event)}
      onNext={() => void next()}
      onBack={step === 'review' ? () => onStepChange('form') : onBack}
      onCancel={onCancel}
      saving={saver.saving}
      saveError={controls.saveError}
      config={
        <Stack gap="md">
          {notes.length > 0 && layout === 'wizard' && <PresetNotes notes={notes} />}
          <CommonSection control={form.control} protocol="oidc" urls={urls} />
          <OidcEndpointsSection
            form={form}
            importRef={importRef}
            secretStored={view ? view.hasClientSecret : undefined}
            secretAction={secretAction}
            onSecretAction={(action) => {
              setSecretAction(action);
              if (action !== 'replace') form.resetField('clientSecret', { defaultValue: '' });
            }}
          />
          <OidcAdditionalSection control={form.control} />
          <MappingsSection control={form.control} kind="oidc" />
        </Stack>
      }
      review={<ReviewSummary rows={reviewRows} urls={urls} notes={notes} />}
      test={{ onTest: runTest, starting: draftTest.starting, panel: testPanel }}
    />
  );
}
