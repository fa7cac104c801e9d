import { useQuery } from '@tanstack/react-query';

/** The bytes of a document or proof of address, as the authenticated file routes answer them. */
export interface DocumentFile {
  bytes: ArrayBuffer;
  /** As the server sniffed it from the bytes, never as the uploader claimed. */
  contentType: string;
  /** From Content-Disposition; null when the server gave none. */
  fileName: string | null;
}

export type DocumentFileKind = 'pdf' | 'image' | 'other';

/** What the viewer can show in the page; anything else is offered as a download only. */
export function documentFileKind(contentType: string): DocumentFileKind {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'image/png' || type === 'image/jpeg') return 'image';
  return 'other';
}

/** A file route answered with an error, or could not be reached (`status` null). */
export class DocumentFileError extends Error {
  readonly status: number | null;
  readonly code: string | null;

  constructor(message: string, status: number | null, code: string | null = null) {
    super(message);
    this.name = 'DocumentFileError';
    this.status = status;
    this.code = code;
  }
}

/**
 * The file name of a Content-Disposition header: the RFC 5987 `filename*` (UTF-8, so umlauts
 * survive) before the plain `filename`.
 */
export function fileNameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name below.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name ? name : null;
}

async function readErrorMessage(response: Response): Promise<{ message: string; code: string | null }> {
  const fallback = { message: `The server answered HTTP ${response.status}.`, code: null };
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const error = (body as { error: unknown }).error;
      if (typeof error === 'object' && error !== null) {
        const { message, code } = error as { message?: unknown; code?: unknown };
        return {
          message: typeof message === 'string' ? message : fallback.message,
          code: typeof code === 'string' ? code : null,
        };
      }
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return fallback;
}

export async function fetchDocumentFile(url: string, signal?: AbortSignal): Promise<DocumentFile> {
  let response: Response;
  try {
    // Same origin: the session cookie (SameSite=Strict) goes along.
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new DocumentFileError(error instanceof Error ? error.message : String(error), null);
  }
  if (!response.ok) {
    const { message, code } = await readErrorMessage(response);
    throw new DocumentFileError(message, response.status, code);
  }
  return {
    bytes: await response.arrayBuffer(),
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    fileName: fileNameFromContentDisposition(response.headers.get('content-disposition')),
  };
}

/**
 * Loads a file once per visit. Every fetch is an audited "opened a document" on the server, so
 * it is not refetched on focus or reconnect, and the bytes (personal data) leave memory as soon
 * as no viewer shows them (`gcTime: 0`).
 */
export function useDocumentFile(url: string) {
  return useQuery({
    queryKey: ['document-file', url],
    queryFn: ({ signal }) => fetchDocumentFile(url, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** Explains a failed file request: what happened and what to do next. */
export function describeDocumentFileError(error: unknown): { title: string; hint: string; detail: string; reference: string | null } {
  const detail = error instanceof Error ? error.message : String(error);
  if (!(error instanceof DocumentFileError)) {
    return {
      title: 'The document could not be shown',
      hint: 'Try again, or download the file and open it on your computer.',
      detail,
      reference: null,
    };
  }
  const reference = error.status === null ? null : [`HTTP ${error.status}`, error.code].filter(Boolean).join(' · ');
  switch (error.status) {
    case null:
      return {
        title: 'The server could not be reached',
        hint: 'Check that Identdesk is running and your network connection works, then try again.',
        detail,
        reference,
      };
    case 401:
      return { title: 'You are not signed in', hint: 'Your session has ended. Sign in again, then reopen the document.', detail, reference };
    case 403:
      return {
        title: 'Your role does not allow opening this document',
        hint: 'Ask a team lead or an admin if your work needs it.',
        detail,
        reference,
      };
    case 404:
      return {
        title: 'There is no such document',
        hint: 'The link may be out of date. Open the document again from the identification or the customer.',
        detail,
        reference,
      };
    case 502:
    case 503:
    case 504:
      return {
        title: 'Solaris did not hand over the file',
        hint: 'Documents are fetched from Solaris when opened. Try again in a minute; if it keeps failing, tell the team running Identdesk.',
        detail,
        reference,
      };
    default:
      return {
        title: 'The server answered with an error',
        hint: 'Try again. If it keeps failing, tell the team running Identdesk and quote the reference below.',
        detail,
        reference,
      };
  }
}
