/**
 * The contract's operation names and domains, with no schema (issue 14): the engine checks a name here and then loads
 * only the handler group of its domain, which brings that domain's schemas (main/core/handlers/handler-groups.ts), so
 * a command that lists connections builds the connection schemas only. `index.ts` stays the full, eager export
 * (renderer, tests, types).
 */
import { operationNameList } from './operation-names.js';

export type ListedOperationName = (typeof operationNameList)[number];
type DomainOf<N> = N extends `${infer D}.${string}` ? D : never;
export type OperationDomain = DomainOf<ListedOperationName>;

const listed = new Set<string>(operationNameList);

/** Whether `name` is an operation of the contract (no schema is loaded to answer). */
export function isOperationName(name: string): name is ListedOperationName {
  return listed.has(name);
}

export const domainOf = (name: ListedOperationName): OperationDomain => name.slice(0, name.indexOf('.')) as OperationDomain;
