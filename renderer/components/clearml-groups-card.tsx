import { useState } from 'react';
import { Button, Paper, Stack, TagsInput, Text, Title } from '@mantine/core';
import type { Settings } from '../../main/contract/index';
import { useMutation } from '../client';
import { notifyFailure, notifySuccess } from '../app/notify';

/**
 * The ClearML platform's groups, kept in the workbench: ClearML matches IdP groups to existing groups by name and never
 * creates one, so a test run of a ClearML connection can only say which groups a user would join against this list.
 */
export function ClearmlGroupsCard({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const [groups, setGroups] = useState<string[]>(settings.clearmlGroups);
  const { mutate, loading } = useMutation('settings.update');
  const changed = groups.join('\n') !== settings.clearmlGroups.join('\n');

  const save = async () => {
    const result = await mutate({ clearmlGroups: groups });
    if (result.ok) {
      onSaved(result.value);
      setGroups(result.value.clearmlGroups);
      notifySuccess('ClearML groups saved', `${result.value.clearmlGroups.length} group(s): test runs of ClearML connections now show which ones a user joins.`);
      return;
    }
    notifyFailure('ClearML groups not saved', result.error);
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="clearml-groups-card">
      <Title order={2} size="h4" mb="xs">
        ClearML platform groups
      </Title>
      <Stack gap="sm" align="flex-start">
        <Text size="sm" c="dimmed">
          The groups that exist in your ClearML server (Settings → Users &amp; Groups there). With group synchronization on,
          ClearML adds a user to the groups whose names match their IdP groups and never creates a group.
        </Text>
        <TagsInput
          label="Groups"
          description="Type a group name and press Enter; paste a comma-separated list to add several."
          placeholder="e.g. ml-engineers"
          value={groups}
          onChange={setGroups}
          splitChars={[',']}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear all groups' }}
          w="100%"
        />
        <Button onClick={() => void save()} loading={loading} disabled={!changed}>
          Save groups
        </Button>
      </Stack>
    </Paper>
  );
}
