/** The route `head` for a page titled "<title> · Identdesk", so tabs and history are told apart. */
export function pageHead(title: string) {
  return () => ({ meta: [{ title: `${title} · Identdesk` }] });
}
