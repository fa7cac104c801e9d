export const AUDIT_PAGE_DESCRIPTION = 'Who saw and changed which customer’s data, when, from where, and why.';
