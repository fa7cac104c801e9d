/**
 * The file name of a Content-Disposition header: RFC 6266 `filename*` (RFC 5987 encoded) wins
 * over `filename`. Directory parts are dropped so the name is safe to offer as a download name.
 */
export function parseContentDispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    const charset = (extended[1] ?? '').trim().toLowerCase();
    const encoded = extended[2].trim();
    try {
      const name = charset === 'iso-8859-1' ? decodeLatin1(encoded) : decodeURIComponent(encoded);
      return baseName(name);
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted?.[1] !== undefined) return baseName(quoted[1].replace(/\\(.)/g, '$1'));
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(header);
  if (token?.[1] !== undefined) return baseName(token[1]);
  return null;
}

function decodeLatin1(encoded: string): string {
  return encoded.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function baseName(name: string): string | null {
  const last = name.split(/[/\\]/).pop()?.trim() ?? '';
  return last === '' ? null : last;
}
