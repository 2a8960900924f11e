/** JSON text for a column; refuses values JSON cannot represent rather than storing something else. */
export function toJsonColumn(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} cannot be stored: ${typeof value} is not a JSON value.`);
  return text;
}

/** Parses a JSON column, naming the row when the text was damaged outside the app. */
export function fromJsonColumn(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} in the database is not valid JSON (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}
