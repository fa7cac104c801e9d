export const COMPLIANCE_PAGE_DESCRIPTION =
  'Four-eyes decisions on what agents recorded, and the identifications compliance must act on. Every view and decision is in the audit trail.';
