import { describe, expect, it } from 'vitest';
import { operations } from '../../main/contract/index.js';
import { operationNameList } from '../../main/contract/operation-names.js';
import { isOperationName, loadOperation } from '../../main/contract/registry.js';

// The engine resolves operations through the lazy registry (issue 14): it must give exactly the contract's definitions.
describe('contract registry (schemas loaded per domain on first use)', () => {
  it('resolves every operation to the very definition the full contract exports', async () => {
    for (const name of operationNameList) {
      expect(await loadOperation(name), name).toBe(operations[name]);
    }
  });

  it('knows the names without loading a schema, and refuses names the contract lacks', () => {
    expect(operationNameList.every((name) => isOperationName(name))).toBe(true);
    for (const name of ['connections.explode', 'connections', 'toString', '__proto__', 'app.info ']) expect(isOperationName(name), name).toBe(false);
  });
});
