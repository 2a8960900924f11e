import { useState } from 'react';
import { Button, Code, EmptyState, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconPlus, IconServer2, IconTestPipe } from '@tabler/icons-react';
import type { TargetCheck, TargetView } from '../../main/contract/index';
import { useMutation, useOperation } from '../client';
import { notifyFailure, notifySuccess } from '../app/notify';
import { OperationError } from '../components/operation-error';
import { PageHeader } from '../components/page-header';
import { AddTargetModal } from './targets/add-target-modal';
import { CheckResult } from './targets/check-result';
import { PlanPanel } from './targets/plan-panel';
import { TargetsTable } from './targets/targets-table';

/** Platform servers (Arthur) that roles are planned against and pushed to, and the local rehearsal engine. */
export function TargetsPage() {
  const { data, error, loading, refetch } = useOperation('targets.list', {});
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [check, setCheck] = useState<TargetCheck | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TargetView | null>(null);
  const rehearsal = useMutation('rehearsal.addTarget');
  const checker = useMutation('targets.check');
  const remover = useMutation('targets.remove');
  const target = data?.find((t) => t.id === selected) ?? null;

  const addRehearsal = async () => {
    const result = await rehearsal.mutate({});
    if (!result.ok) return notifyFailure('Local rehearsal target not added', result.error);
    notifySuccess('Local rehearsal target ready', `${result.value.url}: the workbench's own Arthur-compatible engine. Plan and push to rehearse.`);
    await refetch();
    setSelected(result.value.id);
  };
  const runCheck = async (t: TargetView) => {
    setChecking(t.id);
    const result = await checker.mutate({ ref: t.id });
    setChecking(null);
    if (!result.ok) return notifyFailure(`Check of ${t.name} failed`, result.error);
    setCheck(result.value);
    await refetch();
  };
  const remove = async () => {
    if (!removing) return;
    const result = await remover.mutate({ ref: removing.id });
    setRemoving(null);
    if (!result.ok) return notifyFailure('Target not removed', result.error);
    notifySuccess('Target removed', `${result.value.name} and its keychain item are gone.`);
    if (selected === result.value.id) setSelected(null);
    await refetch();
  };

  const actions = (
    <>
      <Button variant="light" leftSection={<IconTestPipe size={16} aria-hidden />} onClick={() => void addRehearsal()} loading={rehearsal.loading}>
        Add local rehearsal target
      </Button>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
        Add target
      </Button>
    </>
  );
  return (
    <>
      <PageHeader title="Targets" description="The platform servers you push roles to. Every push shows its plan (create, replace, delete, keep) first." actions={actions} />
      <Stack gap="lg">
        {error && !data && <OperationError title="Targets could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
        {!data && !error && <Skeleton height={120} aria-label="Loading targets" />}
        {data?.length === 0 && (
          <Paper withBorder p="xl" radius="md">
            <EmptyState
              icon={<IconServer2 size={28} stroke={1.5} aria-hidden />}
              variant="light"
              title="No targets yet"
              description="Add the Arthur server that should receive your organization roles, or rehearse first against the workbench's own engine on 127.0.0.1. Tokens are kept in the OS keychain, never in a file."
            >
              <Stack gap={6} align="center">
                <Group>{actions}</Group>
                <Text size="sm" c="dimmed">
                  From the command line:
                </Text>
                <Code>ssowb targets add --name prod --url https://arthur.example.com --token-env ARTHUR_TOKEN</Code>
              </Stack>
            </EmptyState>
          </Paper>
        )}
        {data && data.length > 0 && (
          <Paper withBorder radius="md">
            <TargetsTable targets={data} selected={selected} checking={checking} onCheck={(t) => void runCheck(t)} onSelect={(t) => setSelected(t.id)} onRemove={setRemoving} />
          </Paper>
        )}
        {check && <CheckResult check={check} />}
        {target && <PlanPanel key={target.id} target={target} />}
      </Stack>
      <AddTargetModal opened={adding} onClose={() => setAdding(false)} onAdded={(t) => void refetch().then(() => setSelected(t.id))} />
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={`Remove ${removing?.name ?? ''}?`}>
        <Stack gap="sm">
          <Text size="sm">The target and its token (in the OS keychain) are deleted. Nothing changes on the server; past pushes stay in History.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void remove()} loading={remover.loading}>
              Remove
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
