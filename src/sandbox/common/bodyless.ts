// Clients label requests that carry no body: ones that put `content-type: application/json` on every Graph call send
// it on DELETE too (so do JSON $batch members that name it), and SAP Cloud SDK's http-client sends POSTs with
// `content-type: application/x-www-form-urlencoded` and `content-length: 0`. Graph and C4C ignore the label of an
// empty request. fastify would parse it: 400 for an empty JSON body, 415 for a type it has no parser for. So a
// request that declares no body (no Transfer-Encoding, and a Content-Length of 0 or none) loses its content-type
// before parsing, and every route sees it as the bodyless request it is; its handler decides whether it needed one.
import type { FastifyInstance } from 'fastify';

export function ignoreContentTypeOfBodylessRequests(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const { headers } = req.raw;
    const declaresNoBody = headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || headers['content-length'] === '0');
    if (declaresNoBody && headers['content-type'] !== undefined) delete headers['content-type'];
    done();
  });
}
