import { useState } from 'react';
import { Paper, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import type { Settings } from '../../main/contract/index';
import { useMutation } from '../client';
import { notifyFailure, notifySuccess } from '../app/notify';
import { useThemePreference, type ThemePreference } from '../app/use-theme-preference';

const themeOptions = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'Auto' },
];
const isTheme = (value: string): value is ThemePreference => value === 'light' || value === 'dark' || value === 'auto';

/** Theme (applied at once) and whether test runs keep their claims in History. */
export function PreferencesCard({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { theme, setTheme } = useThemePreference();
  const history = useMutation('settings.update');
  const [keepHistory, setKeepHistory] = useState(settings.keepHistory);

  const changeKeepHistory = async (next: boolean) => {
    setKeepHistory(next);
    const result = await history.mutate({ keepHistory: next });
    if (result.ok) {
      onSaved(result.value);
      notifySuccess('History setting saved', next ? 'Test runs keep their claims in History.' : 'Test runs no longer keep claims; checks and outcomes are still listed.');
    } else {
      setKeepHistory(!next);
      notifyFailure('History setting not saved', result.error);
    }
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        Preferences
      </Title>
      <Stack gap="lg">
        <Stack gap={6}>
          <Text size="sm" fw={500} id="theme-label">
            Theme
          </Text>
          <SegmentedControl
            aria-labelledby="theme-label"
            data={themeOptions}
            value={theme}
            onChange={(value) => isTheme(value) && void setTheme(value)}
            w="fit-content"
            data-testid="theme-control"
          />
          <Text size="xs" c="dimmed">
            Auto follows your operating system.
          </Text>
        </Stack>
        <Switch
          label="Keep test history"
          description="Store the claims of each test run in History. Tokens are never stored."
          checked={keepHistory}
          disabled={history.loading}
          onChange={(event) => void changeKeepHistory(event.currentTarget.checked)}
        />
      </Stack>
    </Paper>
  );
}
