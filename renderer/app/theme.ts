import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

/** The console's Mantine theme: calm indigo, system fonts, visible keyboard focus everywhere. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
});

/**
 * Remembers the colour scheme between launches so the first paint is right; the source of truth is the `theme`
 * setting (settings.get), applied once it has loaded (see use-theme-preference.ts).
 */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'ssowb-color-scheme' });
