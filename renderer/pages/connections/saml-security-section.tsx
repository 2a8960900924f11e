import { Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { NumberField, SwitchField } from './fields';
import type { SamlFormValues } from './form-model';
import { KeyPairPanel, type KeyAction } from './key-pair-panel';

/** ClearML's "Security Settings", plus the knobs admins need when a login fails for a signature or clock reason. */
export function SamlSecuritySection({
  form,
  keyStored,
  keyAction,
  onKeyAction,
}: {
  form: UseFormReturn<SamlFormValues>;
  keyStored: boolean | undefined;
  keyAction: KeyAction;
  onKeyAction: (action: KeyAction) => void;
}) {
  const { control } = form;
  const signRequests = useWatch({ control, name: 'saml.signRequests' }) === true;
  const encryptionCertificate = useWatch({ control, name: 'saml.encryptionCertificate' });
  // Signed assertions/responses need an IdP certificate: re-check that rule when the switches change.
  const recheck = () => {
    if (form.formState.isSubmitted || form.getFieldState('saml.idp.certificates').isTouched) void form.trigger('saml.idp.certificates');
  };

  return (
    <Fieldset legend="Security settings">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SwitchField
            control={control}
            name="saml.requireSignedAssertions"
            label="Require signed assertions"
            description="Refuse assertions not signed by an IdP certificate above."
            onToggle={recheck}
          />
          <SwitchField
            control={control}
            name="saml.requireSignedResponse"
            label="Require signed response"
            description="Also require the whole Response to be signed."
            onToggle={recheck}
          />
          <SwitchField control={control} name="saml.allowSha1" label="Accept SHA-1 signatures" description="Only for legacy AD FS; SHA-1 is broken." />
          <NumberField
            control={control}
            name="saml.clockSkewSeconds"
            label="Clock skew"
            description="Leeway for NotBefore/NotOnOrAfter."
            min={0}
            max={600}
            suffix=" s"
          />
        </SimpleGrid>
        <SwitchField
          control={control}
          name="saml.signRequests"
          label="Sign client requests"
          description="Sign AuthnRequests with this service's key; register its certificate at the IdP app."
        />
        {(signRequests || keyStored) && <KeyPairPanel form={form} stored={keyStored} action={keyAction} onAction={onKeyAction} />}
        <SwitchField
          control={control}
          name="saml.encryptAssertions"
          label="Encrypt assertions"
          description='The IdP encrypts assertions to an SP key pair generated on save (private key only in the OS keychain), published in the SP metadata with use="encryption": give the IdP the SP metadata again. The same key decrypts an encrypted NameID (EncryptedID).'
        />
        {encryptionCertificate && (
          <Text size="xs" c="dimmed" data-testid="encryption-certificate">
            Encryption certificate: {encryptionCertificate.subject}, valid until {encryptionCertificate.notAfter}, SHA-256 {encryptionCertificate.fingerprintSha256}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
