import { useEffect, useState } from 'react';
import { Button, Grid, Group, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ConnectionPicker } from '../../../components/connection-picker';
import { IconShieldCheck } from '@tabler/icons-react';
import { Controller, useForm } from 'react-hook-form';
import type { AccessDecision } from '../../../../main/contract/index';
import { useMutation, useOperation } from '../../../client';
import { OperationError } from '../../../components/operation-error';
import { parsePermission, usePermissionOptions, useRbacData } from '../use-rbac-data';
import { ClaimsSourceInput, sourceOf, type SourceValues } from './claims-source-input';
import { DecisionResult } from './decision-result';
import { WhoGrantsCard } from './who-grants-card';

interface SimulatorValues {
  connection: string | null;
  source: SourceValues;
  organization: string | null;
  sessionOrganization: string | null;
  permission: string | null;
}

/** `#/roles/simulator?run=<id>` (from the claims viewer) or `?connection=<id>`: what to start with. */
function hashQuery(): URLSearchParams {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
}

const exampleClaims = JSON.stringify({ sub: 'alice', email: 'alice@example.test', groups: ['ml-engineers'] }, null, 2);

/**
 * The access simulator: a connection (its groups claim and matching rules), a source of claims, the organization as
 * the header or the session would carry it, and a permission → allowed / denied / 404 / undetermined, with why.
 */
export function AccessSimulator() {
  const data = useRbacData();
  const runs = useOperation('history.list', { limit: 100 });
  const permissionOptions = usePermissionOptions(data.catalogue);
  const { mutate, loading, error } = useMutation('access.check');
  const [decision, setDecision] = useState<AccessDecision | null>(null);
  const query = hashQuery();
  const form = useForm<SimulatorValues>({
    defaultValues: {
      connection: query.get('connection'),
      source: { kind: query.get('run') ? 'run' : 'claims', claimsJson: exampleClaims, runId: query.get('run'), token: '', samlResponse: '' },
      organization: null,
      sessionOrganization: null,
      permission: null,
    },
  });

  // A run carries its connection: pick it for the admin.
  const runId = form.watch('source.runId');
  const kind = form.watch('source.kind');
  useEffect(() => {
    const run = runs.data?.find((candidate) => candidate.runId === runId);
    if (kind === 'run' && run) form.setValue('connection', run.connectionId);
  }, [runId, kind, runs.data, form]);

  const submit = form.handleSubmit(async (values) => {
    let failed = false;
    if (!values.connection) {
      form.setError('connection', { message: 'Pick the connection whose groups claim and matching rules apply.' });
      failed = true;
    }
    if (!values.permission) {
      form.setError('permission', { message: 'Pick the permission to check.' });
      failed = true;
    }
    const source = sourceOf(values.source);
    if ('field' in source) {
      form.setError(`source.${source.field}`, { message: source.message });
      failed = true;
    }
    if (failed || !values.connection || !values.permission || 'field' in source) return;
    const result = await mutate({
      ref: values.connection,
      source: source.source,
      permission: parsePermission(values.permission),
      ...(values.organization ? { organization: values.organization } : {}),
      ...(values.sessionOrganization ? { sessionOrganization: values.sessionOrganization } : {}),
    });
    setDecision(result.ok ? result.value : null);
    if (!result.ok) placeError(result.error.field, result.error.message, values.source);
  });

  /** An engine refusal that names a field lands on it (`ref` → Connection, `source.*` → the claims input shown). */
  const placeError = (field: string | undefined, message: string, source: SourceValues) => {
    if (!field) return;
    if (field === 'ref') form.setError('connection', { message }, { shouldFocus: true });
    else if (field.startsWith('permission')) form.setError('permission', { message }, { shouldFocus: true });
    else if (field.startsWith('source')) {
      const target = ({ claims: 'claimsJson', run: 'runId', idToken: 'token', accessToken: 'token', samlResponse: 'samlResponse' } as const)[source.kind];
      form.setError(`source.${target}`, { message });
    }
  };

  const errors = form.formState.errors;
  const orgOptions = (data.orgs ?? []).map((org) => ({ value: org.id, label: `${org.name} (${org.id})` }));

  if (!data.catalogue || !data.orgs || !data.roles) {
    if (data.error) return <OperationError title="The simulator could not load the roles" error={data.error} onRetry={data.refetch} retrying={data.loading} />;
    return <Skeleton height={240} aria-label="Loading the simulator" />;
  }

  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="simulator-title">
            <Title order={2} size="h4" id="simulator-title" mb={4}>
              Would this login be allowed?
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Decided as the platform would: groups → roles (by exact name) → the organization (header, else session, else the only one) → permissions.
            </Text>
            <form onSubmit={(event) => void submit(event)} noValidate aria-label="Access question">
              <Stack gap="sm">
                <Controller
                  name="connection"
                  control={form.control}
                  render={({ field, fieldState }) => (
                    <ConnectionPicker
                      ref={field.ref}
                      label="Connection"
                      showLabel
                      description="Its groups claim (or attribute) and matching rules apply."
                      optionLabel={(c) => `${c.name} (${c.protocol.toUpperCase()})`}
                      value={field.value}
                      onChange={(value) => {
                        field.onChange(value);
                        form.clearErrors('connection');
                      }}
                      withAsterisk
                      placeholder="Pick a connection"
                      error={fieldState.error?.message}
                      data-testid="sim-connection"
                      w="100%"
                    />
                  )}
                />
                <Controller
                  name="source"
                  control={form.control}
                  render={({ field }) => (
                    <ClaimsSourceInput
                      value={field.value}
                      onChange={(next) => {
                        field.onChange(next);
                        form.clearErrors('source');
                      }}
                      runs={runs.data}
                      errors={{
                        claimsJson: errors.source?.claimsJson?.message,
                        runId: errors.source?.runId?.message,
                        token: errors.source?.token?.message,
                        samlResponse: errors.source?.samlResponse?.message,
                      }}
                    />
                  )}
                />
                <Group grow align="flex-start" wrap="wrap">
                  <Controller
                    name="organization"
                    control={form.control}
                    render={({ field }) => (
                      <Select label="Organization (Arthur-Organization-ID header)" description="Leave empty to let the session or the only org decide." data={orgOptions} value={field.value} onChange={field.onChange} clearable clearButtonProps={{ 'aria-label': 'Clear the header organization', 'aria-hidden': false, tabIndex: 0 }} searchable placeholder="No header" data-testid="sim-org" />
                    )}
                  />
                  <Controller
                    name="sessionOrganization"
                    control={form.control}
                    render={({ field }) => (
                      <Select label="Session organization (_arthur_session)" description="Used when there is no header." data={orgOptions} value={field.value} onChange={field.onChange} clearable clearButtonProps={{ 'aria-label': 'Clear the session organization', 'aria-hidden': false, tabIndex: 0 }} searchable placeholder="No session" />
                    )}
                  />
                </Group>
                <Controller
                  name="permission"
                  control={form.control}
                  render={({ field, fieldState }) => (
                    <Select
                      ref={field.ref}
                      label="Permission"
                      data={permissionOptions}
                      value={field.value}
                      onChange={(value) => {
                        field.onChange(value);
                        form.clearErrors('permission');
                      }}
                      searchable
                      withAsterisk
                      placeholder="e.g. model:write"
                      error={fieldState.error?.message}
                      data-testid="sim-permission"
                    />
                  )}
                />
                <Button type="submit" leftSection={<IconShieldCheck size={16} aria-hidden />} loading={loading} w="fit-content">
                  Check access
                </Button>
                {error && <OperationError title="Access could not be checked" error={error} />}
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <WhoGrantsCard orgs={data.orgs} catalogue={data.catalogue} />
        </Grid.Col>
      </Grid>
      {decision && <DecisionResult decision={decision} roles={data.roles} builtIns={data.catalogue.builtIns} />}
    </Stack>
  );
}
