// A tenant's own code-list values (control plane, not C4C's API): C4C tenants configure codes (party roles, BTD
// reference types, …) and their descriptions differently, and a client must read them from the tenant's code lists.
//   GET    /_sandbox/code-lists/:set   the values the tenant serves
//   PUT    /_sandbox/code-lists/:set   {values: [{Code, Description, Context?}]} replaces them
//   DELETE /_sandbox/code-lists/:set   back to the standard values (code-lists.ts)
// They live in the store, so they persist with the tenant; a reseed drops them.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { setTenantCodeList, tenantCodeList } from './code-lists.js';
import { sapErrorBody } from './errors.js';
import type { C4cStore } from './store.js';

const valuesSchema = z
  .object({
    values: z.array(z.object({ Code: z.string().min(1).max(60), Description: z.string().max(255), Context: z.string().max(60).optional() }).strict()).max(1000),
  })
  .strict();

export function installCodeListControl(app: FastifyInstance, store: C4cStore): void {
  const codeList = (set: string, reply: FastifyReply) => {
    if (store.schema.entitySets.get(set)?.codeList) return true;
    void reply.code(404).send(sapErrorBody('NOT_FOUND', `${set} is not a code list of this service`));
    return false;
  };
  app.get<{ Params: { set: string } }>('/_sandbox/code-lists/:set', async (req, reply) => {
    if (!codeList(req.params.set, reply)) return reply;
    return { set: req.params.set, values: tenantCodeList(store, req.params.set) };
  });
  app.put<{ Params: { set: string } }>('/_sandbox/code-lists/:set', async (req, reply) => {
    if (!codeList(req.params.set, reply)) return reply;
    const parsed = valuesSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(sapErrorBody('BAD_REQUEST', parsed.error.message));
    setTenantCodeList(store, req.params.set, parsed.data.values);
    return { set: req.params.set, values: tenantCodeList(store, req.params.set) };
  });
  app.delete<{ Params: { set: string } }>('/_sandbox/code-lists/:set', async (req, reply) => {
    if (!codeList(req.params.set, reply)) return reply;
    setTenantCodeList(store, req.params.set, []);
    return reply.code(204).send();
  });
}
