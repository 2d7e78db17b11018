// Which fields $search looks at and which string fields keep a sorted index for startswith / eq 'x*'. The
// metadata does not mark search-relevant fields, so these follow what the C4C UI searches (names and ids).
export const SEARCH_FIELDS: Record<string, string[]> = {
  CorporateAccountCollection: ['Name', 'AdditionalName', 'AccountID', 'Email', 'City'],
  ContactCollection: ['Name', 'FirstName', 'LastName', 'ContactID', 'Email', 'AccountFormattedName'],
  IndividualCustomerCollection: ['FormattedName', 'FirstName', 'LastName', 'CustomerID', 'Email'],
  LeadCollection: ['Name', 'ID', 'ContactLastName', 'Company'],
  OpportunityCollection: ['Name', 'ID', 'ProspectPartyName'],
  ServiceRequestCollection: ['Name', 'ID', 'BuyerPartyName'],
  SalesQuoteCollection: ['Name', 'ID', 'BuyerPartyName'],
  CustomerOrderCollection: ['Name', 'ID', 'BuyerPartyName'],
  EmployeeCollection: ['BusinessPartnerFormattedName', 'FirstName', 'LastName', 'EmployeeID', 'Email', 'UserID'],
  TasksCollection: ['Subject', 'ID'],
  EMailCollection: ['Subject', 'ID'],
  AppointmentCollection: ['Subject', 'ID', 'Location'],
  VisitCollection: ['Subject', 'ID', 'Location'],
};

/** Properties with a sorted index: the name fields the task pane's type-ahead search filters on. */
export const INDEXED_FIELDS: Record<string, string[]> = {
  CorporateAccountCollection: ['Name', 'AccountID'],
  ContactCollection: ['Name', 'LastName', 'FirstName'],
  IndividualCustomerCollection: ['FormattedName', 'LastName', 'FirstName'],
  LeadCollection: ['Name'],
  OpportunityCollection: ['Name'],
  ServiceRequestCollection: ['Name'],
  SalesQuoteCollection: ['Name'],
  CustomerOrderCollection: ['Name'],
  EmployeeCollection: ['LastName', 'FirstName', 'Email'],
};

/**
 * String properties (of any set that has them) whose exact-value conditions (`eq`, or an `or` of `eq`s) are answered
 * from a sorted index instead of a scan: keys and the references the sync looks records up by, as a database
 * indexes them. Results keep the order of a scan.
 */
export const LOOKUP_FIELDS: readonly string[] = ['ObjectID', 'ParentObjectID', 'GroupwareItemID', 'Email', 'ContactEMail', 'BusinessPartnerID', 'EmployeeID', 'AccountID', 'ContactID', 'ID'];

/** Date/time properties whose lower bounds (`ge`, `gt`) are answered from a range index: the change stamp the change queries page by. */
export const RANGE_FIELDS: readonly string[] = ['EntityLastChangedOn'];
