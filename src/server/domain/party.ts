// An attendee matched to a C4C party (R8). Resolution happens in the C4C adapter; the mapping uses the result.

export interface PartyRef {
  /** Lower-case e-mail the party was matched by. */
  email: string;
  /** Business partner id (EmployeeID / ContactID). */
  partyId: string;
  partyType: 'employee' | 'contact';
  name: string;
}
