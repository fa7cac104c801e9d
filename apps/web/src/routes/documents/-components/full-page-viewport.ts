/** The viewer's scrolling area on a full page: the window minus the header, breadcrumb and toolbar. */
export const FULL_PAGE_VIEWPORT = 'h-[calc(100vh-12.5rem)] min-h-96';
