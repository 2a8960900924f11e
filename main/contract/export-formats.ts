/**
 * Export formats (product.md `ssowb export --format`), apart from the schemas so the CLI's help can list them without
 * loading zod (issue 14). `json` is the native backup and always exports; the others are platform formats.
 */
export const exportFormats = ['arthur-yaml', 'clearml-env', 'clearml-api', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];
