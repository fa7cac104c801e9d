import { formatCountOf } from '../../lib/format.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type SolarisStatus = RouterOutputs['system']['solarisStatus'];
type ProblemCount = NonNullable<SolarisStatus['connection']>['problems'][number];

export type SolarisStatusTone = 'neutral' | 'warning' | 'danger';

export interface SolarisStatusWords {
  tone: SolarisStatusTone;
  /** The indicator's accessible name, e.g. "Solaris: connected". */
  label: string;
  /** Shown beside the dot when something is wrong, so the state never rests on colour alone. */
  shortLabel: string | null;
  /** What happens, in sentences an agent can act on. */
  sentences: string[];
}

const hourMinute = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "answered 503 to 4", "did not answer 3 in time": what Solaris did to that many requests. */
function problemPhrase(problem: ProblemCount): string {
  switch (problem.problem) {
    case 'rate_limited':
      return `answered 429 (too many requests) to ${problem.count}`;
    case 'server_error':
      return `answered ${problem.status ?? '5xx'} to ${problem.count}`;
    case 'timeout':
      return `did not answer ${problem.count} in time`;
    case 'network':
      return `could not be reached for ${problem.count}`;
  }
}

function joinWithAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** Times of the answer are seconds after `checkedAt`: shown on this browser's clock. */
function timeAfter(status: SolarisStatus, seconds: number): string {
  return hourMinute.format(new Date(new Date(status.checkedAt).getTime() + seconds * 1000));
}

function connectionSentences(status: SolarisStatus): string[] {
  const connection = status.connection;
  if (!connection) return [];
  const window = `${connection.windowMinutes} minutes`;
  if (connection.failedRequests === 0) {
    return [
      connection.requests === 0
        ? `Identdesk has not needed Solaris in the last ${window}.`
        : `Solaris answered all of the last ${formatCountOf(connection.requests, 'request')} (${window}).`,
    ];
  }
  const since = connection.failingSince ? ` since ${hourMinute.format(new Date(connection.failingSince))}` : '';
  const phrases = connection.problems.map(problemPhrase);
  const sentences = [`Solaris ${joinWithAnd(phrases)} of the last ${formatCountOf(connection.requests, 'request')}${since}.`];
  if (connection.retryAfterSeconds !== null && connection.retryAfterSeconds > 0) {
    sentences.push(`Solaris asked Identdesk to wait ${formatCountOf(connection.retryAfterSeconds, 'second')} before asking again.`);
  }
  return sentences;
}

function queueSentences(status: SolarisStatus): string[] {
  const { waitingForRetry, dead, nextRetryInSeconds } = status.webhooks;
  const sentences: string[] = [];
  if (waitingForRetry > 0) {
    const next = nextRetryInSeconds === null ? '' : `, the next at ${timeAfter(status, nextRetryInSeconds)}`;
    sentences.push(
      `${waitingForRetry === 1 ? '1 webhook delivery waits' : `${waitingForRetry} webhook deliveries wait`} for a retry${next}.`,
    );
  }
  if (dead > 0) {
    sentences.push(
      `${dead === 1 ? '1 webhook delivery was' : `${dead} webhook deliveries were`} given up on after every retry and ${dead === 1 ? 'waits' : 'wait'} for an admin to replay ${dead === 1 ? 'it' : 'them'}.`,
    );
  }
  return sentences;
}

/** The indicator's and the status page's words for a Solaris status. */
export function describeSolarisStatus(status: SolarisStatus): SolarisStatusWords {
  const sandbox = status.connection?.mode === 'sandbox' ? ["This is Identdesk's built-in Solaris sandbox."] : [];
  const queue = queueSentences(status);
  if (status.state === 'ok') {
    return { tone: 'neutral', label: 'Solaris: connected', shortLabel: null, sentences: [...connectionSentences(status), ...queue, ...sandbox] };
  }
  const unreachable = status.state === 'unreachable';
  const nothingLost = status.webhooks.dead > 0 ? 'Nothing is lost: deliveries are kept until they are processed.' : 'Nothing is lost.';
  return {
    tone: unreachable ? 'danger' : 'warning',
    // The name starts with the words shown beside the dot, so a voice command with them finds the button.
    label: unreachable ? 'Solaris down: not reachable' : 'Solaris slow: answering with errors',
    shortLabel: unreachable ? 'Solaris down' : 'Solaris slow',
    sentences: [
      ...connectionSentences(status),
      `Identdesk retries by itself${queue.length > 0 ? `; ${lowerFirst(queue.join(' '))}` : '.'}`,
      nothingLost,
      unreachable
        ? 'What asks Solaris at once (starting an identification, approving a change) fails for now: try again in a few minutes.'
        : 'Pages that ask Solaris directly may be slow or ask you to try again.',
      ...sandbox,
    ],
  };
}

function lowerFirst(text: string): string {
  return /^\d/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
