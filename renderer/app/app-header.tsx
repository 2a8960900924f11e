import { ActionIcon, AppShell, Badge, Burger, Group, Text, Tooltip, useComputedColorScheme } from '@mantine/core';
import { IconMoon, IconShieldLock, IconSun } from '@tabler/icons-react';
import { useAppInfo } from './app-info';
import { useThemePreference } from './use-theme-preference';

const modeLabels = { desktop: 'Desktop', browser: 'Browser mode', cli: 'CLI' } as const;

/** Product name, where the console runs (mode, version) and the light/dark switch. */
export function AppHeader({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  const info = useAppInfo();
  const computed = useComputedColorScheme('light');
  const { setTheme } = useThemePreference();
  const next = computed === 'dark' ? 'light' : 'dark';
  const toggleLabel = `Switch to ${next} theme`;

  return (
    <AppShell.Header px="md">
      <Group h="100%" justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label={navOpened ? 'Close navigation' : 'Open navigation'} />
          <IconShieldLock size={26} stroke={1.6} color="var(--mantine-primary-color-filled)" aria-hidden />
          <Text fw={700} size="lg" data-testid="product-name">
            SSO Workbench
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Badge variant="light" color={info.mode === 'desktop' ? 'indigo' : 'grape'} data-testid="app-mode" visibleFrom="xs">
            {modeLabels[info.mode]}
          </Badge>
          <Text size="sm" c="dimmed" data-testid="app-version">
            v{info.version}
          </Text>
          <Tooltip label={toggleLabel}>
            <ActionIcon variant="default" size="lg" aria-label={toggleLabel} onClick={() => void setTheme(next)}>
              {computed === 'dark' ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </AppShell.Header>
  );
}
