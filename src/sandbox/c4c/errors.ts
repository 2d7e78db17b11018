// C4C (SAP Gateway) error body: {"error":{"code":"…","message":{"lang":"en","value":"…"}}}. Every refusal in the
// sandbox is an ODataError, so handlers never answer with a crash or a bare 500.
export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sapErrorBody(code: string, message: string): { error: { code: string; message: { lang: string; value: string } } } {
  return { error: { code, message: { lang: 'en', value: message } } };
}

export const badRequest = (message: string, code = 'BAD_REQUEST') => new ODataError(400, code, message);
export const notFound = (message: string) => new ODataError(404, 'RESOURCE_NOT_FOUND', message);
