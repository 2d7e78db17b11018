// Office.js's calling convention, for the stand-in: optional options (with asyncContext), then a callback that
// receives an AsyncResult. Errors carry Office's names (InvalidCategory, ItemNotSaved …) and codes.

type AnyCallback = (result: Office.AsyncResult<unknown>) => void;

export interface AsyncArgs {
  asyncContext: unknown;
  callback: AnyCallback | undefined;
}

export function asyncArgs(args: readonly unknown[]): AsyncArgs {
  const callback = [...args].reverse().find((a): a is AnyCallback => typeof a === 'function');
  const options = args.find((a): a is { asyncContext?: unknown } => typeof a === 'object' && a !== null && !Array.isArray(a) && 'asyncContext' in a);
  return { asyncContext: options?.asyncContext, callback };
}

export class OfficeStandInError extends Error {
  constructor(
    override readonly name: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Runs `work` and reports its outcome the way Office does (always asynchronously). */
export function settle<T>(args: readonly unknown[], work: () => T | Promise<T>): void {
  const { asyncContext, callback } = asyncArgs(args);
  const report = (result: Office.AsyncResult<unknown>) => setTimeout(() => callback?.(result), 0);
  Promise.resolve()
    .then(work)
    .then(
      (value) => report({ status: 'succeeded' as unknown as Office.AsyncResultStatus, value, asyncContext, error: undefined as unknown as Office.Error, diagnostics: undefined }),
      (err: unknown) => {
        const known = err instanceof OfficeStandInError ? err : new OfficeStandInError('GenericError', 9000, err instanceof Error ? err.message : String(err));
        const error = { name: known.name, code: known.code, message: known.message } as Office.Error;
        report({ status: 'failed' as unknown as Office.AsyncResultStatus, value: undefined, asyncContext, error, diagnostics: undefined });
      },
    );
}
