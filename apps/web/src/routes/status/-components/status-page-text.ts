export const STATUS_PAGE_DESCRIPTION = 'What the server reports about its database, the data it holds and webhook traffic.';
