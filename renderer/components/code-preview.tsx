import { useMemo } from 'react';
import { useComputedColorScheme } from '@mantine/core';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { StreamLanguage } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { properties } from '@codemirror/legacy-modes/mode/properties';

export type PreviewLanguage = 'yaml' | 'json' | 'env';

/** Syntax modes per preview language; env files (KEY=value, # comments) read as Java-style properties. */
const languageExtension = (language: PreviewLanguage) =>
  language === 'yaml' ? yaml() : language === 'json' ? json() : StreamLanguage.define(properties);

/**
 * A read-only, syntax-highlighted view of generated text (exports, role files), on CodeMirror: selectable, searchable
 * with the editor's keys, keyboard-focusable, following the console's light/dark scheme.
 */
export function CodePreview({ value, language, label, testId, maxHeight = 420 }: { value: string; language: PreviewLanguage; label: string; testId?: string; maxHeight?: number }) {
  const scheme = useComputedColorScheme('light');
  const extensions = useMemo(
    () => [languageExtension(language), EditorView.lineWrapping, EditorView.contentAttributes.of({ 'aria-label': label })],
    [language, label],
  );
  return (
    <CodeMirror
      value={value}
      data-testid={testId}
      data-language={language}
      readOnly
      editable={false}
      theme={scheme === 'dark' ? 'dark' : 'light'}
      maxHeight={`${maxHeight}px`}
      basicSetup={{ foldGutter: false, highlightActiveLine: false, highlightActiveLineGutter: false, autocompletion: false }}
      extensions={extensions}
    />
  );
}
