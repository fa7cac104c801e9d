/**
 * How long an item has waited, from the server's `ageHours` (the server computes ages on the
 * clock the times were kept on, so the browser's clock never skews them): `12 min`, `5 h`,
 * `3 d 4 h`.
 */
export function formatAge(hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) return '–';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.floor(hours)} h`;
  const days = Math.floor(hours / 24);
  const rest = Math.floor(hours - days * 24);
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}

/** The same age in words for assistive technology and titles: "waiting 3 days 4 hours". */
export function describeAge(hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) return 'unknown';
  if (hours < 1) {
    const minutes = Math.max(1, Math.round(hours * 60));
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const whole = Math.floor(hours);
  if (whole < 48) return `${whole} hour${whole === 1 ? '' : 's'}`;
  const days = Math.floor(whole / 24);
  const rest = whole - days * 24;
  return rest === 0 ? `${days} days` : `${days} days ${rest} hour${rest === 1 ? '' : 's'}`;
}
