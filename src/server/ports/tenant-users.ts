// The tenant's users as the groupware's directory lists them (Graph `/users`): the candidates for mailbox
// provisioning (jobs/provision-mailboxes.ts).

export interface TenantUser {
  /** The groupware's user id (Graph user id), which becomes the mailbox id. */
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
}

export interface TenantUsers {
  /** Every user of the tenant. */
  listUsers(): Promise<TenantUser[]>;
}
