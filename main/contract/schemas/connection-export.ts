import { z } from 'zod';
import { lastTestSchema } from './connection-fields.js';

/** Marker of the native connection file; bump the suffix when the shape changes incompatibly. */
export const connectionFileFormat = 'sso-workbench/connection@1';

/**
 * The native JSON file (`ssowb export <c> --format json`, `ssowb connections import FILE`). A backup: it always
 * carries the validation state; secrets only when asked for. `connection` is checked on import with the same
 * schema and rules as a create.
 */
export const connectionFileSchema = z.object({
  format: z.literal(connectionFileFormat),
  exportedAt: z.string(),
  connection: z.record(z.string(), z.unknown()),
  validation: z.object({
    validatedAt: z.string().nullable(),
    lastTest: lastTestSchema.nullable(),
    /** Whether the last passing test was newer than the last change when exported. */
    current: z.boolean(),
    /** SHA-256 of the settings at export: an edited file loses its validation currency on import. */
    settingsDigest: z.string(),
  }),
  secrets: z
    .object({ clientSecret: z.string().min(1).optional(), samlPrivateKeyPem: z.string().min(1).optional() })
    .strict()
    .optional(),
});
export type ConnectionFile = z.infer<typeof connectionFileSchema>;
