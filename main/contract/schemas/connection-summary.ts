import * as z from 'zod';
import { connectionProtocols } from './connection-names.js';
import { connectionWarningSchema, lastPassSchema, lastTestSchema } from './connection-fields.js';

/**
 * A connection as lists show it (the Connections table, `ssowb connections list`): what product.md promises a list
 * object carries (id, name, protocol, provider, active, updatedAt, the loopback test endpoints, hasClientSecret —
 * never a secret value) plus the table's columns (last test, validation, warnings). Flat and refinement-free, so
 * validating 10,000 of them stays cheap; strict, so nothing undeclared leaves. The full settings: `connections.get`.
 */
const commonFields = {
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
  lastTest: lastTestSchema.nullable(),
  /** Time of the last passing test or inspect; null before the first pass. */
  validatedAt: z.string().nullable(),
  lastPass: lastPassSchema.nullable(),
  /** True when the last passing test is newer than the last change (export gates rely on it). */
  validationCurrent: z.boolean(),
  /** The URL to register at the IdP for the production platform login; null until webappUrl is set. */
  productionCallbackUrl: z.string().nullable(),
  warnings: z.array(connectionWarningSchema),
};

export const connectionSummarySchema = z.discriminatedUnion('protocol', [
  z
    .object({
      protocol: z.literal('oidc'),
      ...commonFields,
      hasClientSecret: z.boolean(),
      /** The loopback redirect URI the IdP must allow for test runs. */
      testRedirectUri: z.string(),
    })
    .strict(),
  z
    .object({
      protocol: z.literal('saml'),
      ...commonFields,
      hasPrivateKey: z.boolean(),
      /** The loopback ACS URL the IdP must know for test runs. */
      testAcsUrl: z.string(),
      /** SP entity ID in effect (the override, else the loopback default). */
      spEntityId: z.string(),
    })
    .strict(),
]);
export type ConnectionSummary = z.output<typeof connectionSummarySchema>;

/** Filters of a connection listing; the engine matches `search` against name, id or provider, ignoring case. */
export const connectionListFilterFields = {
  search: z.string().trim().optional(),
  protocol: z.enum(connectionProtocols).optional(),
  active: z.boolean().optional(),
  /** Only these connections (e.g. the subjects shown on an audit page). */
  ids: z.array(z.string()).max(500, 'ids: at most 500 at a time.').optional(),
};

/** `connections.page`: the filters plus one page of the name-sorted list. */
export const connectionPageInputSchema = z
  .object({
    ...connectionListFilterFields,
    limit: z.number().int().min(1).max(500, 'limit is at most 500.').default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const connectionPageSchema = z.object({ connections: z.array(connectionSummarySchema), total: z.number().int().min(0) }).strict();
