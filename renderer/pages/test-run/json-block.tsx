import { Code, Group, Paper, ScrollArea, Text } from '@mantine/core';
import { CopyAction } from '../../components/copy-value';
import { prettyJson } from './format';

/**
 * A labelled block of pretty JSON (or any text) in a scroll area, with a copy button. The code block is focusable so
 * keyboard users can scroll it.
 */
export function CodeBlock({ label, value, text, maxHeight = 420 }: { label: string; value?: unknown; text?: string; maxHeight?: number }) {
  const content = text ?? prettyJson(value);
  return (
    <Paper withBorder radius="sm" p={0} component="figure" m={0}>
      <Group justify="space-between" px="sm" py={4} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text component="figcaption" size="sm" fw={600}>
          {label}
        </Text>
        <CopyAction value={content} label={label} />
      </Group>
      <ScrollArea.Autosize mah={maxHeight} type="auto" tabIndex={0} aria-label={label}>
        <Code block style={{ background: 'transparent', whiteSpace: 'pre', fontSize: 12.5 }}>
          {content}
        </Code>
      </ScrollArea.Autosize>
    </Paper>
  );
}
