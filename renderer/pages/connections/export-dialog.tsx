import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, Button, CopyButton, Group, Loader, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import type { AppErrorShape, ExportFormat, ExportOutput } from '../../../main/contract/index';
import { useMutation } from '../../client';
import { CopyValue } from '../../components/copy-value';
import { downloadText } from '../../components/download-text';
import { relativeTime } from '../../components/relative-time';

// The CodeMirror preview loads with the first export (its own chunk), so the console's bundle stays small.
const CodePreview = lazy(() => import('../../components/code-preview').then((module) => ({ default: module.CodePreview })));

const formats: Array<{ value: ExportFormat; label: string }> = [
  { value: 'arthur-yaml', label: 'Arthur YAML' },
  { value: 'clearml-env', label: 'ClearML env' },
  { value: 'clearml-api', label: 'ClearML API' },
  { value: 'json', label: 'Backup JSON' },
];

const mediaTypes = { yaml: 'application/yaml', env: 'text/plain', json: 'application/json' } as const;

/**
 * The Export dialog of one connection: format choice, a read-only preview of exactly what `ssowb export` writes
 * (secrets redacted: the console never holds secret values), copy and save. A platform format of a connection
 * that is not validated is refused with the test to run; "Export anyway" forces it, stamped NOT VALIDATED.
 */
export function ExportDialog({ connection, onClose }: { connection: { id: string; name: string } | null; onClose: () => void }) {
  const [format, setFormat] = useState<ExportFormat>('arthur-yaml');
  const [force, setForce] = useState(false);
  const [output, setOutput] = useState<ExportOutput | null>(null);
  const [refusal, setRefusal] = useState<AppErrorShape | null>(null);
  const { mutate, loading, error } = useMutation('connections.export');
  const ref = connection?.id;

  useEffect(() => {
    if (!ref) return;
    let current = true;
    setOutput(null);
    setRefusal(null);
    void mutate({ ref, format, force, includeSecrets: false }).then((result) => {
      if (!current) return;
      if (result.ok) setOutput(result.value);
      else if (result.error.code === 'not_validated') setRefusal(result.error);
    });
    return () => {
      current = false;
    };
  }, [ref, format, force, mutate]);

  const close = () => {
    setForce(false);
    setFormat('arthur-yaml');
    onClose();
  };
  const name = connection?.name ?? '';
  const secretsCommand = `ssowb export ${JSON.stringify(name)} --format ${format} --include-secrets --out <file>`;

  return (
    <Modal opened={connection !== null} onClose={close} title={`Export ${name}`} size="xl" data-testid="export-dialog">
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Export format"
          data={formats}
          value={format}
          onChange={(value) => {
            setForce(false);
            setFormat(value as ExportFormat);
          }}
        />
        {refusal && (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} aria-hidden />} title="Not validated: this format is refused" data-testid="export-refusal">
            <Stack gap={6}>
              <Text size="sm">{refusal.message}</Text>
              {refusal.hint && <Text size="sm">{refusal.hint}</Text>}
              <Group>
                <Button size="xs" variant="light" color="yellow" onClick={() => setForce(true)}>
                  Export anyway, marked NOT VALIDATED
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {error && error.code !== 'not_validated' && (
          <Alert color="red" title="Export failed">
            {error.message}
          </Alert>
        )}
        {output && <StampLine output={output} />}
        {output && (
          <Suspense fallback={<Loader size="sm" aria-label="Loading the preview" />}>
            <CodePreview value={output.content} language={output.language} label={`Preview of ${output.filename}`} testId="export-preview" />
          </Suspense>
        )}
        {loading && !output && !refusal && (
          <Text size="sm" c="dimmed" role="status">
            Preparing the export…
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Secrets are redacted here (placeholders name each one). To write a file with them, run on this machine:
        </Text>
        <CopyValue value={secretsCommand} label="export command with secrets" />
        <Group justify="flex-end">
          <CopyButton value={output?.content ?? ''} timeout={1500}>
            {({ copied, copy }) => (
              <Button variant="default" disabled={!output} onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          <Button
            disabled={!output}
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => output && downloadText(output.content, output.filename, mediaTypes[output.language])}
          >
            Save {output?.filename ?? ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function StampLine({ output }: { output: ExportOutput }) {
  const { stamp } = output;
  if (!stamp.validated) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="export-stamp">
        NOT VALIDATED: {stamp.runId ? `the last passing run (${stamp.runId}) is older than the last change.` : 'no passing test yet.'}
      </Alert>
    );
  }
  return (
    <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} aria-hidden />} data-testid="export-stamp">
      Validated by {stamp.source === 'inspect' ? 'offline inspect' : 'live test'} run {stamp.runId ?? '(not recorded)'}
      {stamp.at ? `, ${relativeTime(stamp.at)}` : ''}
      {stamp.checksPassed !== null ? ` — ${stamp.checksPassed} checks passed, ${stamp.checksWarned ?? 0} warned` : ''}. SHA-256 {stamp.configSha256.slice(0, 12)}…
    </Alert>
  );
}
