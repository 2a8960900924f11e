import type { HandlerGroup } from './types.js';

export const appHandlers: HandlerGroup<'app.info'> = ({ ports }) => ({
  'app.info': () => ({
    name: 'SSO Workbench',
    version: ports.runtime.version,
    mode: ports.runtime.mode,
    dataDir: ports.runtime.dataDir,
    platform: ports.runtime.platform,
  }),
});
