import * as z from 'zod';
import { connectionProtocols, lastPassSchema, lastTestSchema } from './connection-fields.js';
import { exportFormats, type ExportFormat } from '../export-formats.js';

/** Marker of the native connection file; bump the suffix when the shape changes incompatibly. */
export const connectionFileFormat = 'sso-workbench/connection@1';

/**
 * Export formats (product.md `ssowb export --format`). `json` is the native backup and always exports; the others are
 * platform formats and leave only when the connection's last passing test is newer than its last change (or forced).
 */
export { exportFormats, type ExportFormat } from '../export-formats.js';
export const platformExportFormats: readonly ExportFormat[] = ['arthur-yaml', 'clearml-env', 'clearml-api'];

/**
 * The validation stamp every export carries (a comment header in YAML/env, a field in JSON): which run proved the
 * settings, when, with how many checks, and a hash of the exported config, so a reviewer can tie a file to a login.
 */
export const validationStampSchema = z
  .object({
    /** True when the last passing run is newer than the last change; false = exported with force ("NOT VALIDATED"). */
    validated: z.boolean(),
    /** The last passing run (may be older than the last change when not validated); null when none passed yet. */
    runId: z.string().nullable(),
    at: z.string().nullable(),
    outcome: z.enum(['passed', 'failed']).nullable(),
    source: z.enum(['live', 'inspect']).nullable(),
    protocol: z.enum(connectionProtocols),
    checksPassed: z.number().int().nullable(),
    checksWarned: z.number().int().nullable(),
    /** SHA-256 (hex) of the exported config: the lines after the header (YAML/env), the request body or settings (JSON). */
    configSha256: z.string(),
    workbenchVersion: z.string(),
    exportedAt: z.string(),
  })
  .strict();
export type ValidationStamp = z.infer<typeof validationStampSchema>;

/**
 * The native JSON file (`ssowb export <c> --format json`, `ssowb connections import FILE`). A backup: it always
 * carries the validation state; secrets only when asked for. `connection` is checked on import with the same
 * schema and rules as a create.
 */
export const connectionFileSchema = z
  .object({
    format: z.literal(connectionFileFormat),
    exportedAt: z.string(),
    connection: z.record(z.string(), z.unknown()),
    validation: z
      .object({
        validatedAt: z.string().nullable(),
        lastTest: lastTestSchema.nullable(),
        lastPass: lastPassSchema.nullable().optional(),
        /** Whether the last passing test was newer than the last change when exported. */
        current: z.boolean(),
        /** SHA-256 of the settings at export: an edited file loses its validation currency on import. */
        settingsDigest: z.string(),
        stamp: validationStampSchema.optional(),
      })
      .strict(),
    secrets: z
      .object({ clientSecret: z.string().min(1).optional(), samlPrivateKeyPem: z.string().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ConnectionFile = z.infer<typeof connectionFileSchema>;

/** `connections.export` input. */
export const exportInputSchema = z
  .object({
    ref: z.string().trim().min(1, 'ref is empty: give a connection id or name.'),
    format: z.enum(exportFormats, { error: `format: use one of ${exportFormats.join(', ')}.` }).default('json'),
    includeSecrets: z.boolean().default(false),
    /** Export a platform format although the connection is not validated; the output then says NOT VALIDATED. */
    force: z.boolean().default(false),
  })
  .strict();

/** `connections.export` output: the text, a file name, and what a UI needs to label it. */
export const exportOutputSchema = z
  .object({
    content: z.string(),
    filename: z.string(),
    format: z.enum(exportFormats),
    /** yaml | env | json: for the preview's highlighting. */
    language: z.enum(['yaml', 'env', 'json']),
    stamp: validationStampSchema,
    /** Whether secret values are in `content` (only with includeSecrets). */
    containsSecrets: z.boolean(),
  })
  .strict();
export type ExportOutput = z.infer<typeof exportOutputSchema>;
