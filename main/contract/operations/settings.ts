import * as z from 'zod';
import { defineOperation } from '../define.js';

export const keychainStateSchema = z.enum(['available', 'locked', 'unavailable', 'timeout']);
export type KeychainState = z.infer<typeof keychainStateSchema>;

export const keychainStatusSchema = z.object({
  state: keychainStateSchema,
  /** What the OS keychain answered, worded for a person. */
  detail: z.string(),
  /** What to do about it when the state is not `available`. */
  fix: z.string().optional(),
  backend: z.string(),
});
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

export const settingsSchema = z.object({
  /** Loopback port of the test-run engine; part of every test redirect/ACS URL. */
  testPort: z.number().int().min(1024).max(65535),
  theme: z.enum(['light', 'dark', 'auto']),
  /** Keep claims of test runs in History. Tokens are never kept. */
  keepHistory: z.boolean(),
  /**
   * The ClearML platform's user groups (Settings → Users & Groups), kept here so reports can say which of them an
   * IdP login would join: ClearML matches IdP groups to existing groups by name and never creates one.
   */
  clearmlGroups: z
    .array(z.string().trim().min(1, 'A ClearML group name is empty: remove it or type the group name.').max(200, 'A ClearML group name is longer than 200 characters.'))
    .max(2000, 'At most 2000 ClearML groups can be listed.'),
});
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = { testPort: 8765, theme: 'auto', keepHistory: true, clearmlGroups: [] };

export const settingsOperations = {
  'settings.get': defineOperation(z.object({}).strict(), settingsSchema, 'All settings.'),
  'settings.update': defineOperation(settingsSchema.partial().strict(), settingsSchema, 'Change some settings.'),
  'settings.keychainStatus': defineOperation(
    z.object({}).strict(),
    keychainStatusSchema,
    'Whether the OS keychain can be used, and how to fix it when not.',
  ),
};
