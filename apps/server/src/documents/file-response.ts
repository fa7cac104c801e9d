import type { Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';

/** The only types a browser may show inline: the viewer renders them, none of them runs script. */
const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export const DISPOSITIONS = ['inline', 'attachment'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** `?disposition=`: attachment unless inline is asked for; null for anything else. */
export function parseDisposition(value: unknown): Disposition | null {
  if (value === undefined) return 'attachment';
  return value === 'inline' || value === 'attachment' ? value : null;
}

/**
 * The content type of `bytes` by their content, never by a name or a header someone else chose:
 * PDF, JPEG or PNG, else application/octet-stream.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected && INLINE_TYPES.has(detected.mime) ? detected.mime : 'application/octet-stream';
}

// RFC 5987 attr-char: everything else is percent-encoded, including ' ( ) * that encodeURIComponent keeps.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 6266 Content-Disposition with an ASCII fallback name and the UTF-8 one. */
export function contentDisposition(disposition: Disposition, fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/**
 * Sends a customer's file so that no browser runs anything in it: the type comes from the bytes,
 * anything but PDF/JPEG/PNG goes out as an octet-stream attachment, nosniff, a CSP that allows
 * nothing in a sandbox, and no copy kept by browsers or proxies.
 */
export async function sendCustomerFile(
  res: Response,
  file: { bytes: Uint8Array; fileName: string; disposition: Disposition },
): Promise<void> {
  const contentType = await sniffContentType(file.bytes);
  const disposition = INLINE_TYPES.has(contentType) ? file.disposition : 'attachment';
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(file.bytes.byteLength));
  res.setHeader('Content-Disposition', contentDisposition(disposition, file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}
