/**
 * The operation names alone, with no schemas, so the preload (and anything else that only needs the names) does not
 * bundle zod and every schema. `index.ts` checks at compile time that this list and the contract agree both ways.
 */
export const operationNameList = [
  'app.info',
  'settings.get',
  'settings.update',
  'settings.keychainStatus',
  'audit.list',
  'connections.list',
  'connections.get',
  'connections.create',
  'connections.update',
  'connections.remove',
  'connections.setActive',
  'connections.discover',
  'connections.parseMetadata',
  'connections.describeCertificate',
  'connections.generateKeyPair',
  'connections.spMetadata',
  'connections.export',
  'connections.import',
  'connections.presets',
  'connections.applyPreset',
  'tests.start',
  'tests.wait',
  'tests.get',
  'tests.cancel',
  'tests.inspect',
  'history.list',
  'history.get',
] as const;
