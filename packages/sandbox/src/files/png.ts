import { crc32, deflateSync } from 'node:zlib';

/** An RGB raster: `pixel(x, y)` returns [r, g, b]. */
export type PixelFunction = (x: number, y: number) => readonly [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes a truecolour 8-bit PNG (filter 0 on every row), enough for small generated images. */
export function encodePng(width: number, height: number, pixel: PixelFunction): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  header[10] = 0;
  header[11] = 0;
  header[12] = 0;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let offset = 0;
  for (let y = 0; y < height; y++) {
    raw[offset++] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[offset++] = r;
      raw[offset++] = g;
      raw[offset++] = b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const WHITE = [255, 255, 255] as const;
const INK = [20, 40, 120] as const;

/** A handwritten-looking stroke on white. */
export function signaturePng(): Buffer {
  const width = 240;
  const height = 80;
  return encodePng(width, height, (x, y) => {
    const curve = height / 2 + Math.sin(x / 11) * 18 * Math.sin(x / 53) + Math.cos(x / 5) * 4;
    const inStroke = x > 16 && x < width - 16 && Math.abs(y - curve) < 1.6;
    return inStroke ? INK : WHITE;
  });
}

/** A stylised ID card: coloured card, a photo box and text bars. */
export function idDocumentPng(): Buffer {
  const width = 320;
  const height = 200;
  return encodePng(width, height, (x, y) => {
    const border = x < 6 || y < 6 || x >= width - 6 || y >= height - 6;
    if (border) return [90, 110, 140];
    if (x >= 20 && x < 110 && y >= 40 && y < 160) {
      const dx = x - 65;
      const head = dx * dx + (y - 80) ** 2 < 22 * 22;
      const shoulders = y > 110 && dx * dx < (y - 100) * 30;
      return head || shoulders ? [120, 120, 130] : [215, 225, 235];
    }
    if (x >= 130 && x < 300 && y >= 44 && y < 164 && (y - 44) % 24 < 8) {
      return [60, 70, 90];
    }
    return y < 30 ? [180, 30, 40] : [236, 232, 214];
  });
}
