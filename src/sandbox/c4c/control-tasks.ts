// Control-plane helpers that change Tasks the way a C4C user does in the UI (no CSRF, no If-Match, no auth):
// create a task for a processor, edit it (header fields and the body text), cancel it, delete it. They run the
// same metadata-checked writes as the OData service inside one store transaction, so ETags, EntityLastChangedOn
// and the outbound notifications behave exactly as for an API write.
//   POST   /_sandbox/tasks                   {processorPartyId, subject, body?, startUtc?, dueUtc?, timeZoneCode?, priorityCode?, status?, accountId?, contactId?, opportunityId?}
//   PATCH  /_sandbox/tasks/:objectId         {subject?, body?, startUtc?, dueUtc?, timeZoneCode?, priorityCode?, status?, completedUtc?}
//   POST   /_sandbox/tasks/:objectId/cancel  Status 4
//   DELETE /_sandbox/tasks/:objectId
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ODataError, sapErrorBody } from './errors.js';
import type { Schema } from './schema.js';
import { etagOf } from './serialize.js';
import type { C4cStore, Row } from './store.js';
import { createEntity, deleteEntity, updateEntity } from './write.js';
import { SEED_TASK_BODY_TYPE } from './seed/seed-tasks.js';

const TASKS = 'TasksCollection';
const TEXTS = 'TasksTextCollectionCollection';

const isoOrNull = z.union([z.iso.datetime({ offset: true }), z.null()]);
const editSchema = z
  .object({
    subject: z.string().max(765),
    body: z.string(),
    startUtc: isoOrNull,
    dueUtc: isoOrNull,
    timeZoneCode: z.string().max(10),
    priorityCode: z.string().max(1),
    status: z.string().max(2),
    completedUtc: isoOrNull,
  })
  .partial()
  .strict();
const createSchema = editSchema.extend({
  processorPartyId: z.string().min(1).max(60),
  subject: z.string().max(765),
  accountId: z.string().max(60).optional(),
  contactId: z.string().max(60).optional(),
  opportunityId: z.string().max(35).optional(),
});

const odataDate = (iso: string | null) => (iso === null ? null : `/Date(${Date.parse(iso)})/`);

/** Header properties of an edit, in the OData JSON form the service accepts. */
function headerOf(edit: z.infer<typeof editSchema>): Record<string, unknown> {
  const header: Record<string, unknown> = {};
  if (edit.subject !== undefined) header['Subject'] = edit.subject;
  if (edit.startUtc !== undefined) header['StartDateTime'] = odataDate(edit.startUtc);
  if (edit.dueUtc !== undefined) header['DueDateTime'] = odataDate(edit.dueUtc);
  if (edit.timeZoneCode !== undefined) Object.assign(header, { StartDatetimeZoneCode: edit.timeZoneCode, DueDatetimeZoneCode: edit.timeZoneCode });
  if (edit.priorityCode !== undefined) header['PriorityCode'] = edit.priorityCode;
  if (edit.status !== undefined) header['Status'] = edit.status;
  if (edit.completedUtc !== undefined) header['CompletionDateTime'] = odataDate(edit.completedUtc);
  // Completing a task in the UI stamps its completion time.
  if (edit.status === '3' && edit.completedUtc === undefined) header['CompletionDateTime'] = odataDate(new Date().toISOString());
  return header;
}

function setDef(schema: Schema, name: string) {
  const def = schema.entitySets.get(name);
  if (!def) throw new ODataError(500, 'INTERNAL_ERROR', `the schema has no ${name}`);
  return def;
}

function summary(schema: Schema, row: Row) {
  return { objectId: row.id, id: row.values['ID'] ?? null, etag: etagOf(setDef(schema, TASKS), row) ?? null, status: row.values['Status'] ?? null };
}

/** The body text: the entry of the body type (else the first), changed in place, or added when there is none. */
function writeBody(store: C4cStore, schema: Schema, task: Row, text: string): void {
  const texts = store.childrenOf(TEXTS, task.id);
  const entry = texts.find((t) => t.values['TypeCode'] === SEED_TASK_BODY_TYPE);
  if (entry) updateEntity(store, setDef(schema, TEXTS), entry.id, { Text: text }, 'PATCH');
  else if (text !== '') createEntity(store, schema, setDef(schema, TEXTS), { Text: text, TypeCode: SEED_TASK_BODY_TYPE, LanguageCode: 'EN' }, task);
}

export function installTaskControl(app: FastifyInstance, store: C4cStore): void {
  const schema = store.schema;
  const fail = (reply: FastifyReply, err: unknown) => {
    if (err instanceof ODataError) return reply.code(err.status).send(sapErrorBody(err.code, err.message));
    throw err;
  };

  app.post('/_sandbox/tasks', async (req, reply) => {
    const parsed = createSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send(sapErrorBody('BAD_REQUEST', parsed.error.message));
    const { processorPartyId, accountId, contactId, opportunityId, body, ...edit } = parsed.data;
    try {
      const row = store.transaction(() => {
        const deep: Record<string, unknown> = {
          ...headerOf({ status: '1', priorityCode: '3', timeZoneCode: 'UTC', ...edit }),
          ProcessorPartyID: processorPartyId,
          ...(accountId ? { MainAccountPartyID: accountId } : {}),
          ...(contactId ? { MainContactPartyID: contactId } : {}),
        };
        if (body) deep['TasksTextCollection'] = [{ Text: body, TypeCode: SEED_TASK_BODY_TYPE, LanguageCode: 'EN' }];
        if (opportunityId) deep['TasksBTDReference'] = [{ ID: opportunityId, TypeCode: '72', BTDRoleCode: '1' }];
        return createEntity(store, schema, setDef(schema, TASKS), deep);
      });
      return reply.code(201).send(summary(schema, store.mustGet(TASKS, row.id)));
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.patch<{ Params: { objectId: string } }>('/_sandbox/tasks/:objectId', async (req, reply) => {
    const parsed = editSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send(sapErrorBody('BAD_REQUEST', parsed.error.message));
    const { body, ...edit } = parsed.data;
    try {
      store.transaction(() => {
        const task = store.mustGet(TASKS, req.params.objectId);
        updateEntity(store, setDef(schema, TASKS), task.id, headerOf(edit), 'PATCH');
        if (body !== undefined) writeBody(store, schema, task, body);
      });
      return summary(schema, store.mustGet(TASKS, req.params.objectId));
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.post<{ Params: { objectId: string } }>('/_sandbox/tasks/:objectId/cancel', async (req, reply) => {
    try {
      store.transaction(() => updateEntity(store, setDef(schema, TASKS), store.mustGet(TASKS, req.params.objectId).id, { Status: '4' }, 'PATCH'));
      return summary(schema, store.mustGet(TASKS, req.params.objectId));
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.delete<{ Params: { objectId: string } }>('/_sandbox/tasks/:objectId', async (req, reply) => {
    try {
      store.transaction(() => deleteEntity(store, setDef(schema, TASKS), store.mustGet(TASKS, req.params.objectId).id));
      return reply.code(204).send();
    } catch (err) {
      return fail(reply, err);
    }
  });
}
