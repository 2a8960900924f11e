import { useState } from 'react';
import { Alert, Button, Code, FileInput, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCloudDownload, IconFileCode, IconInfoCircle } from '@tabler/icons-react';
import type { UseFormReturn } from 'react-hook-form';
import { endpointUrlProblem, type ConnectionDraft } from '../../../main/contract/index';
import { useMutation } from '../../client';
import type { SamlFormValues } from './form-model';

const MAX_METADATA_BYTES = 1024 * 1024;

/**
 * IdP metadata from a file or a URL, parsed by the engine (DOCTYPE refused, size-limited) into the IdP entity ID, SSO
 * URL and binding and the signing certificates. Nothing is saved until the connection is.
 */
export function SamlMetadataPanel({ form }: { form: UseFormReturn<SamlFormValues> }) {
  const parse = useMutation('connections.draftFromIdp');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState(form.getValues('saml.idp.metadataSource')?.kind === 'url' ? (form.getValues('saml.idp.metadataSource')?.value ?? '') : '');
  const [problem, setProblem] = useState<{ on: 'file' | 'url'; message: string } | null>(null);
  const [loaded, setLoaded] = useState<SamlDraft | null>(null);
  const source = form.getValues('saml.idp.metadataSource');

  const apply = (draft: SamlDraft) => {
    const options = { shouldDirty: true, shouldValidate: true } as const;
    const idp = draft.saml.idp;
    form.setValue('saml.idp.entityId', idp.entityId, options);
    form.setValue('saml.idp.ssoUrl', idp.ssoUrl, options);
    form.setValue('saml.idp.ssoBinding', idp.ssoBinding, options);
    form.setValue('saml.idp.certificates', idp.certificates, options);
    if (idp.metadataSource) form.setValue('saml.idp.metadataSource', idp.metadataSource, { shouldDirty: true });
    setLoaded(draft);
  };

  /** The same engine operation as `ssowb connections add saml --metadata`: one draft from the metadata. */
  const load = async (input: { xml: string; fileName: string } | { url: string }, on: 'file' | 'url') => {
    setProblem(null);
    setLoaded(null);
    const result = await parse.mutate({ protocol: 'saml', ...input });
    if (result.ok && result.value.protocol === 'saml') apply(result.value);
    else if (!result.ok) setProblem({ on, message: result.error.hint ? `${result.error.message} ${result.error.hint}` : result.error.message });
  };

  const onFile = async (picked: File | null) => {
    setFile(picked);
    if (!picked) return;
    if (picked.size > MAX_METADATA_BYTES) {
      setProblem({ on: 'file', message: `${picked.name} is ${Math.round(picked.size / 1024)} KB: IdP metadata is far smaller. Pick the metadata XML file.` });
      return;
    }
    await load({ xml: await picked.text(), fileName: picked.name }, 'file');
  };

  const onUrl = async () => {
    const trimmed = url.trim();
    const bad = trimmed ? endpointUrlProblem(trimmed) : 'Enter the metadata URL the IdP publishes.';
    if (bad) return setProblem({ on: 'url', message: bad });
    await load({ url: trimmed }, 'url');
  };

  return (
    <Stack gap="xs">
      <Group align="flex-start" grow preventGrowOverflow={false} gap="sm">
        <FileInput
          label="IdP metadata file"
          description="The metadata XML downloaded from the IdP app."
          placeholder="Choose an XML file"
          accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
          leftSection={<IconFileCode size={16} aria-hidden />}
          value={file}
          onChange={(picked) => void onFile(picked)}
          error={problem?.on === 'file' ? problem.message : undefined}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the chosen metadata file' }}
          data-testid="metadata-file"
        />
        <Stack gap={6}>
          <TextInput
            label="or IdP metadata URL"
            description="Where the IdP publishes it (https, or loopback http)."
            placeholder="https://idp.example.com/saml/metadata"
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void onUrl();
              }
            }}
            error={problem?.on === 'url' ? problem.message : undefined}
            autoComplete="off"
          />
          <Button variant="light" leftSection={<IconCloudDownload size={16} aria-hidden />} loading={parse.loading} onClick={() => void onUrl()} w="fit-content">
            Load from URL
          </Button>
        </Stack>
      </Group>
      {!loaded && source && (form.getValues('saml.idp.certificates')?.length ?? 0) > 0 && (
        <Text size="xs" c="dimmed">
          Loaded earlier from {source.kind === 'file' ? 'the file ' : ''}
          <Code>{source.value}</Code>: load it again to pick up a certificate rollover.
        </Text>
      )}
      {loaded && <MetadataLoaded draft={loaded} signRequestsOn={Boolean(form.getValues('saml.signRequests'))} />}
    </Stack>
  );
}

type SamlDraft = Extract<ConnectionDraft, { protocol: 'saml' }>;

function MetadataLoaded({ draft, signRequestsOn }: { draft: SamlDraft; signRequestsOn: boolean }) {
  const metadata = draft.metadata;
  // The draft's advice is worded for both UI and CLI; drop the signing advice once signing is on.
  const warnings = draft.warnings.filter((warning) => !(signRequestsOn && warning.includes('WantAuthnRequestsSigned')));
  return (
    <Alert
      color={warnings.length ? 'yellow' : 'teal'}
      variant="light"
      icon={warnings.length ? <IconAlertTriangle aria-hidden /> : <IconInfoCircle aria-hidden />}
      title={warnings.length ? 'Metadata loaded, with warnings' : 'Metadata loaded'}
      data-testid="metadata-result"
    >
      <Stack gap={4}>
        <Text size="sm">
          {metadata.entityId} · {metadata.certificates.length} signing certificate(s) · {metadata.ssoBinding}
        </Text>
        {warnings.length > 0 && (
          <List size="sm" spacing={2}>
            {warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}
