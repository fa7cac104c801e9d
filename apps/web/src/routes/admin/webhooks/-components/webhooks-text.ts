export const WEBHOOKS_PAGE_TITLE = 'Webhooks';
export const WEBHOOKS_PAGE_DESCRIPTION =
  'Solaris deliveries Identdesk stored but could not process. Replay one once its cause is fixed; reconciliation repairs the rest.';
