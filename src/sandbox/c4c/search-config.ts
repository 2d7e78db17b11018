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
