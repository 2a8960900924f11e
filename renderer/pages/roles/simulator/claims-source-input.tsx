import { Group, JsonInput, Radio, Select, Stack, Textarea } from '@mantine/core';
import type { TestRunSummary } from '../../../../main/contract/index';

export type SourceKind = 'claims' | 'run' | 'idToken' | 'accessToken' | 'samlResponse';

export interface SourceValues {
  kind: SourceKind;
  claimsJson: string;
  runId: string | null;
  token: string;
  samlResponse: string;
}

const kinds: { value: SourceKind; label: string }[] = [
  { value: 'claims', label: 'Claims JSON' },
  { value: 'run', label: 'A run from History' },
  { value: 'idToken', label: 'ID token' },
  { value: 'accessToken', label: 'Access token' },
  { value: 'samlResponse', label: 'SAML response' },
];

/** Where the claims of the question come from: written by hand, a past run, or a pasted token or SAML response. */
export function ClaimsSourceInput({
  value,
  onChange,
  runs,
  errors,
}: {
  value: SourceValues;
  onChange: (next: SourceValues) => void;
  runs: readonly TestRunSummary[] | undefined;
  errors: Partial<Record<'claimsJson' | 'runId' | 'token' | 'samlResponse', string>>;
}) {
  const set = (patch: Partial<SourceValues>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="xs">
      <Radio.Group label="Source of the claims" value={value.kind} onChange={(kind) => set({ kind: kind as SourceKind })}>
        <Group gap="md" mt={6}>
          {kinds.map((kind) => (
            <Radio key={kind.value} value={kind.value} label={kind.label} />
          ))}
        </Group>
      </Radio.Group>
      {value.kind === 'claims' && (
        <JsonInput
          label="Claims (JSON)"
          description={'As the IdP would send them, e.g. {"sub": "alice", "groups": ["ml-engineers"]}. The connection\'s groups claim is read from them.'}
          value={value.claimsJson}
          onChange={(claimsJson) => set({ claimsJson })}
          autosize
          minRows={4}
          maxRows={14}
          validationError="Not valid JSON: check quotes and commas."
          error={errors.claimsJson}
          data-testid="claims-json"
        />
      )}
      {value.kind === 'run' && (
        <Select
          label="Run"
          description="The claims a past test login or inspect brought back (History keeps claims, never tokens)."
          data={(runs ?? []).map((run) => ({
            value: run.runId,
            label: `${run.connectionName} · ${run.outcome} · ${new Date(run.at).toLocaleString()} (${run.source})`,
          }))}
          value={value.runId}
          onChange={(runId) => set({ runId })}
          searchable
          placeholder={runs?.length === 0 ? 'No runs in History yet' : 'Pick a run'}
          nothingFoundMessage="No run matches"
          error={errors.runId}
          data-testid="run-select"
        />
      )}
      {(value.kind === 'idToken' || value.kind === 'accessToken') && (
        <Textarea
          label={value.kind === 'idToken' ? 'ID token' : 'Access token (JWT)'}
          description="Decoded and checked here like inspect does; it is not stored."
          value={value.token}
          onChange={(event) => set({ token: event.currentTarget.value })}
          autosize
          minRows={3}
          maxRows={8}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
          error={errors.token}
        />
      )}
      {value.kind === 'samlResponse' && (
        <Textarea
          label="SAML response"
          description="The SAMLResponse form value (base64) or its XML."
          value={value.samlResponse}
          onChange={(event) => set({ samlResponse: event.currentTarget.value })}
          autosize
          minRows={3}
          maxRows={10}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
          error={errors.samlResponse}
        />
      )}
    </Stack>
  );
}

type ClaimsSource =
  | { kind: 'claims'; claims: Record<string, unknown> }
  | { kind: 'idToken' | 'accessToken'; token: string }
  | { kind: 'samlResponse'; response: string }
  | { kind: 'run'; runId: string };

/** The contract's claims source, or the field to fix and why. */
export function sourceOf(value: SourceValues): { source: ClaimsSource } | { field: 'claimsJson' | 'runId' | 'token' | 'samlResponse'; message: string } {
  switch (value.kind) {
    case 'claims': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value.claimsJson);
      } catch {
        return { field: 'claimsJson', message: 'Not valid JSON: check quotes and commas.' };
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { field: 'claimsJson', message: 'Write a JSON object of claims: {"groups": [...]}.' };
      return { source: { kind: 'claims', claims: parsed as Record<string, unknown> } };
    }
    case 'run':
      return value.runId ? { source: { kind: 'run', runId: value.runId } } : { field: 'runId', message: 'Pick a run from History.' };
    case 'idToken':
    case 'accessToken':
      return value.token.trim() ? { source: { kind: value.kind, token: value.token.trim() } } : { field: 'token', message: 'Paste the whole token.' };
    case 'samlResponse':
      return value.samlResponse.trim() ? { source: { kind: 'samlResponse', response: value.samlResponse.trim() } } : { field: 'samlResponse', message: 'Paste the SAMLResponse (base64 or XML).' };
  }
}
