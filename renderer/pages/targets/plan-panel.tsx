import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Modal, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconListCheck, IconUpload } from '@tabler/icons-react';
import type { Plan, PushProgress, PushRecord, TargetView } from '../../../main/contract/index';
import { useMutation, useOperation, useWorkbenchEvent } from '../../client';
import { notifyFailure, notifySuccess } from '../../app/notify';
import { PlanTable, PushProgressBar } from './plan-table';

/** Plan (a readable diff, nothing sent), confirm, then push with per-role progress and the final per-role results. */
export function PlanPanel({ target }: { target: TargetView }) {
  const orgs = useOperation('orgs.list', {});
  const [organization, setOrganization] = useState<string | null>(null);
  const [deleteUnknown, setDeleteUnknown] = useState(false);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<Record<string, PushProgress>>({});
  const [last, setLast] = useState<PushProgress | null>(null);
  const [record, setRecord] = useState<PushRecord | null>(null);
  const planning = useMutation('targets.plan');
  const pushing = useMutation('targets.push');

  useWorkbenchEvent('onPushProgress', (event) => {
    if (event.targetId !== target.id) return;
    setProgress((previous) => ({ ...previous, [`${event.org}/${event.role}`]: event }));
    setLast(event);
  });

  const input = { ref: target.id, deleteUnknown, ...(organization ? { organization } : {}) };
  const makePlan = async () => {
    setRecord(null);
    setProgress({});
    setLast(null);
    const result = await planning.mutate(input);
    if (result.ok) setPlan(result.value);
    else notifyFailure('Plan failed', result.error);
  };
  const push = async () => {
    if (!plan) return;
    setConfirming(false);
    setProgress({});
    const result = await pushing.mutate({ ...input, digest: plan.digest });
    if (!result.ok) return notifyFailure('Push not applied', result.error);
    setRecord(result.value);
    if (result.value.outcome === 'failed') notifyFailure('Push finished with failures', { code: 'network', message: `${result.value.counts.failed} role(s) failed, ${result.value.counts.skipped} not sent.` });
    else notifySuccess('Push finished', `${result.value.counts.done} role(s) applied to ${target.name}.`);
  };

  const toChange = plan ? plan.changes.filter((c) => c.action !== 'keep').length : 0;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plan-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="plan-title">
          Plan and push to {target.name}
        </Title>
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select
            label="Organization"
            placeholder="All organizations"
            clearable
            data={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.roleCount} roles)` }))}
            value={organization}
            onChange={setOrganization}
            w={280}
          />
          <Switch label="Delete roles only on the target" description="Off: they are shown and kept." checked={deleteUnknown} onChange={(event) => setDeleteUnknown(event.currentTarget.checked)} />
          <Button leftSection={<IconListCheck size={16} aria-hidden />} onClick={() => void makePlan()} loading={planning.loading}>
            Plan
          </Button>
        </Group>
        {plan && (
          <>
            <Text size="sm" data-testid="plan-summary">
              {plan.counts.create} to create, {plan.counts.replace} to replace, {plan.counts.delete} to delete, {plan.counts.keep} unchanged. Nothing has been sent yet.
            </Text>
            {plan.notes.length > 0 && (
              <Alert variant="light" color="blue" title="Notes">
                <List size="sm">
                  {plan.notes.map((note) => (
                    <List.Item key={note}>{note}</List.Item>
                  ))}
                </List>
                {plan.globalRoles.length > 0 && (
                  <Anchor href="#/roles" size="sm">
                    Export the global roles from the Roles page
                  </Anchor>
                )}
              </Alert>
            )}
            {(pushing.loading || record) && last && <PushProgressBar done={record ? last.total : last.done} total={last.total} />}
            <PlanTable changes={plan.changes} progress={progress} results={record?.results ?? null} />
            {record && (
              <Alert color={record.outcome === 'failed' ? 'red' : 'teal'} variant="light" title={`Push ${record.outcome.replace('_', ' ')}`} data-testid="push-result">
                {record.counts.done} done, {record.counts.failed} failed, {record.counts.skipped} not sent. It is in History.
              </Alert>
            )}
            <Group justify="flex-end">
              <Button leftSection={<IconUpload size={16} aria-hidden />} color="orange" disabled={toChange === 0 || record !== null} loading={pushing.loading} onClick={() => setConfirming(true)}>
                {toChange === 0 ? 'Nothing to push' : `Push ${toChange} change${toChange === 1 ? '' : 's'}`}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Push to ${target.name}?`}>
        {plan && (
          <Stack gap="sm">
            <Text size="sm">
              This changes the roles on {target.url}: {plan.counts.create} create, {plan.counts.replace} replace, {plan.counts.delete} delete.
            </Text>
            {plan.counts.replace > 0 && (
              <Text size="sm" c="dimmed">
                The API has no update: each replace is a DELETE of the role, then a POST of the new definition. Users of that group lose its permissions for a moment.
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button color="orange" onClick={() => void push()} data-autofocus>
                Push now
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
