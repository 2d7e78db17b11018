// Control-plane routes for Outlook contacts (documented in ../README.md): a user's contact folders as they stand,
// and moving a contact to another folder the way an Outlook user drags it (Graph v1.0 has no move for contacts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GraphError } from '../errors.js';
import type { GraphSandboxState } from '../sandbox-state.js';
import type { Mailbox } from '../store/graph-store.js';
import { findContact, findContactFolder, moveContact } from '../contacts/contact-ops.js';
import { presentContact, presentContactFolder } from '../contacts/present-contact.js';
import { parseBody } from './helpers.js';

const moveSchema = z.object({ mailbox: z.string().min(1), contactId: z.string().min(1), folderId: z.string().min(1) }).strict();

export function registerContactControlRoutes(app: FastifyInstance, state: GraphSandboxState): void {
  const mailboxNamed = (name: string): Mailbox => {
    const mailbox = state.store.findMailbox(name);
    if (!mailbox) throw new GraphError(404, 'ErrorInvalidUser', `No sandbox user '${name}'.`);
    return mailbox;
  };

  // Every folder (the default one included) with its contacts and all their extended properties, for tests and the soak.
  app.get<{ Params: { mailbox: string } }>('/_sandbox/contacts/:mailbox', async (req) => {
    const mailbox = mailboxNamed(req.params.mailbox);
    return {
      mailbox: mailbox.user.id,
      folders: [...mailbox.contactFolders.values()].map((folder) => ({
        ...presentContactFolder(folder),
        isDefault: folder.isDefault,
        contacts: [...folder.contacts.values()].map((c) => presentContact(c, { extendedProperties: null })),
      })),
    };
  });

  // The contact leaves its folder (delta there: @removed) and arrives in the other with a new id, as in Exchange.
  app.post('/_sandbox/contacts/move', async (req) => {
    const input = parseBody(moveSchema, req.body, 'move');
    const mailbox = mailboxNamed(input.mailbox);
    const { contact } = findContact(mailbox, input.contactId);
    const moved = moveContact(state.store, mailbox, contact, findContactFolder(mailbox, input.folderId));
    return { id: moved.id, previousId: contact.id, parentFolderId: moved.folderId };
  });
}
