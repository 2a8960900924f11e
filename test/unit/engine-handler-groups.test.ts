import { describe, expect, it } from 'vitest';
import { operations } from '../../main/contract/index.js';
import { operationNameList } from '../../main/contract/operation-names.js';
import { domainOf, isOperationName } from '../../main/contract/registry.js';
import { groupOfDomain, handlerGroups, type GroupDeps } from '../../main/core/handlers/handler-groups.js';
import { createTestPorts } from '../support/fakes.js';
import { EventBus } from '../../main/core/event-bus.js';
import { AuditTrail } from '../../main/core/audit-trail.js';

// The engine loads one handler group per domain on first use, with that domain's schemas (issue 14): every operation of
// the contract must be served by its group, with exactly the contract's definition.
describe('handler groups (schemas and handlers loaded per domain on first use)', () => {
  it('every operation is served by its group, with the very definition the full contract exports, and a handler', async () => {
    const ports = createTestPorts();
    const events = new EventBus();
    const context = { ports, events, audit: new AuditTrail(ports, events) };
    const deps: GroupDeps = {
      context,
      idpTools: undefined,
      testRuns: () => Promise.reject(new Error('not needed to build the handler tables')),
      loadedTestRuns: () => undefined,
      setRehearsal: () => {},
    };
    const tested = new Set<string>();
    for (const [group, load] of Object.entries(handlerGroups)) {
      if (group === 'testRuns') continue; // its handlers need the TestRunService: checked through the engine's tests
      const module = await load();
      const handlers = await module.handlers(deps);
      for (const [name, definition] of Object.entries(module.definitions)) {
        expect(definition, name).toBe(operations[name as keyof typeof operations]);
        expect(typeof handlers[name], name).toBe('function');
        tested.add(name);
      }
    }
    const testRuns = await handlerGroups.testRuns();
    for (const [name, definition] of Object.entries(testRuns.definitions)) {
      expect(definition, name).toBe(operations[name as keyof typeof operations]);
      tested.add(name);
    }
    expect([...tested].sort()).toEqual([...operationNameList].sort());
    for (const name of operationNameList) {
      const group = await handlerGroups[groupOfDomain[domainOf(name)]]();
      expect(Object.hasOwn(group.definitions, name), `${name} is in its domain's group`).toBe(true);
    }
  });

  it('knows the names without loading a schema, and refuses names the contract lacks', () => {
    expect(operationNameList.every((name) => isOperationName(name))).toBe(true);
    for (const name of ['connections.explode', 'connections', 'toString', '__proto__', 'app.info ']) expect(isOperationName(name), name).toBe(false);
  });
});
