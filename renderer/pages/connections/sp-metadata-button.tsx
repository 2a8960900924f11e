import { ActionIcon, Button, Menu, Tooltip } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import { useMutation } from '../../client';
import { notifyFailure } from '../../app/notify';
import { downloadText } from '../../components/download-text';

const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'connection';

/**
 * "Download SP metadata" of a saved SAML connection, for the IdP app to import: for test runs (the loopback ACS) or
 * for the production platform (its ACS; needs the web app URL).
 */
export function SpMetadataButton({ id, name, hasProductionUrl, compact }: { id: string; name: string; hasProductionUrl: boolean; compact?: boolean }) {
  const { mutate, loading } = useMutation('connections.spMetadata');
  const download = async (target: 'test' | 'production') => {
    const result = await mutate({ ref: id, for: target });
    if (!result.ok) return notifyFailure('SP metadata not available', result.error);
    downloadText(result.value.xml, `${safeName(name)}-sp-metadata-${target}.xml`, 'application/samlmetadata+xml');
  };
  const label = `Download SP metadata of ${name}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {compact ? (
          <Tooltip label="Download SP metadata">
            <ActionIcon variant="subtle" color="gray" aria-label={label} loading={loading}>
              <IconFileDownload size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button variant="light" leftSection={<IconFileDownload size={16} aria-hidden />} loading={loading} aria-label={label}>
            Download SP metadata
          </Button>
        )}
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void download('test')}>For test runs (workbench ACS)</Menu.Item>
        <Menu.Item onClick={() => void download('production')} disabled={!hasProductionUrl}>
          {hasProductionUrl ? 'For production (platform ACS)' : 'For production: set the web app URL first'}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
