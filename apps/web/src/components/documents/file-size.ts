const sizeFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** `803.6 kB`, `25 kB`, `512 bytes`: decimal units, as file managers show them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['kB', 'MB', 'GB'] as const;
  let value = bytes / 1000;
  let unit: (typeof units)[number] = 'kB';
  for (const next of units.slice(1)) {
    if (value < 1000) break;
    value /= 1000;
    unit = next;
  }
  return `${sizeFormat.format(value)} ${unit}`;
}
