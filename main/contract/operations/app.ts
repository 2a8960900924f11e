import * as z from 'zod';
import { defineOperation } from '../define.js';

export const appInfoSchema = z.object({
  name: z.literal('SSO Workbench'),
  version: z.string(),
  mode: z.enum(['desktop', 'browser', 'cli']),
  dataDir: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appOperations = {
  'app.info': defineOperation(z.object({}).strict(), appInfoSchema, 'Version, mode and data directory.'),
};
