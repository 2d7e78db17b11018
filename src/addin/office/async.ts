// Promisifies Office.js's callback style. Every Office call goes through here so errors are uniform:
// an OfficeCallError carries Office's error code/name (e.g. "ItemNotSaved", "InvalidCategory", 9041).

export class OfficeCallError extends Error {
  constructor(
    readonly operation: string,
    /** Office's error name when it gives one ("ItemNotSaved", "DuplicateCategory"), else its numeric code. */
    readonly code: string,
    message: string,
  ) {
    super(`${operation} failed: ${message || code}`);
    this.name = 'OfficeCallError';
  }
}

export type OfficeCallback<T> = (result: Office.AsyncResult<T>) => void;

export function officeCall<T>(operation: string, invoke: (callback: OfficeCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          const error = result.error as Partial<Office.Error> | undefined;
          reject(new OfficeCallError(operation, String(error?.name ?? error?.code ?? 'Failed'), error?.message ?? ''));
        } else {
          resolve(result.value);
        }
      });
    } catch (err) {
      // Some hosts throw synchronously for unsupported members instead of calling back.
      reject(new OfficeCallError(operation, 'NotSupported', err instanceof Error ? err.message : String(err)));
    }
  });
}
