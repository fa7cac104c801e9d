import { formatRelative } from '../../../lib/format.ts';

/**
 * When the customer's 14-day link runs out, in words an agent can repeat: "Expires in 5 days",
 * "Expired 3 days ago". `expired` is the server's verdict (on Solaris' clock); the distance is
 * counted from the agent's clock.
 */
export function linkExpiryText(urlExpiresAt: string | null, expired: boolean, now: Date = new Date()): string {
  if (urlExpiresAt === null) return 'No link yet: the identification has not been requested from IDnow.';
  const distance = formatRelative(urlExpiresAt, now);
  if (expired) return distance.startsWith('in ') ? 'Expired' : `Expired ${distance}`;
  return distance.endsWith(' ago') ? 'Expires now' : `Expires ${distance}`;
}

/**
 * IDnow's estimated waiting time for an agent (Solaris gives seconds: the seed's example is 60),
 * as "About 1 minute"; null when IDnow gave none.
 */
export function waitingTimeText(seconds: number | null): string {
  if (seconds === null) return 'Not given by IDnow';
  if (seconds <= 0) return 'No waiting';
  if (seconds < 60) return `About ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `About ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.round((seconds / 3600) * 10) / 10;
  return `About ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** `webhook` → "Webhook", `reconciliation` → "Reconciliation": a source as a word. */
export function sourceLabel(source: string): string {
  const words = source.replace(/[_.-]+/g, ' ').trim().toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown';
}

const SUPPORTED_DOCUMENT_TYPE_LABELS: Record<string, string> = {
  ID_CARD: 'National ID card',
  IDCARD: 'National ID card',
  PASSPORT: 'Passport',
  RESIDENCE_PERMIT: 'Residence permit',
  DRIVERS_LICENSE: 'Driving licence',
};

/** IDnow's document type (`ID_CARD`) as words ("National ID card"); unknown types are spelled out. */
export function supportedDocumentTypeLabel(type: string): string {
  return SUPPORTED_DOCUMENT_TYPE_LABELS[type.toUpperCase()] ?? sourceLabel(type);
}
