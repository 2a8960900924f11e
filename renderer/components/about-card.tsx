import { DataList, Paper, Title } from '@mantine/core';
import { useAppInfo } from '../app/app-info';
import { CopyValue } from './copy-value';

const modeLabels = { desktop: 'Desktop app', browser: 'Browser mode (loopback bridge)', cli: 'CLI' } as const;

/** Version, mode and where the data lives (shared by the desktop app, browser mode and the CLI). */
export function AboutCard() {
  const info = useAppInfo();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        About
      </Title>
      <DataList labelWidth="140px">
        <DataList.Item>
          <DataList.ItemLabel>Version</DataList.ItemLabel>
          <DataList.ItemValue data-testid="about-version">{info.version}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Mode</DataList.ItemLabel>
          <DataList.ItemValue data-testid="about-mode">{modeLabels[info.mode]}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Platform</DataList.ItemLabel>
          <DataList.ItemValue>{info.platform}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Data directory</DataList.ItemLabel>
          <DataList.ItemValue>
            <CopyValue value={info.dataDir} label="data directory" />
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Paper>
  );
}
