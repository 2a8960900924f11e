import { AppError } from '../app-error.js';
import { HttpError, SecretStoreError } from '../ports/index.js';

/** A helper's plain Error (bad document, bad PEM) becomes invalid_input on the field it came from. */
export async function onField<T>(field: string, hint: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError || error instanceof SecretStoreError || error instanceof HttpError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('invalid_input', `${field}: ${message}`, { field, hint });
  }
}
