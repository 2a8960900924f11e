import type { z } from 'zod';

/** One operation of the contract: a zod schema for its input and one for its output. */
export interface OperationDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

export function defineOperation<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string,
): OperationDefinition<I, O> {
  return { input, output, summary };
}
