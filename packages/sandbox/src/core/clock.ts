/**
 * Sandbox time. It runs `timeScale` times faster than the wall clock and can be moved forward
 * explicitly (tests, control API). It is kept as an offset from the wall clock so that a restart
 * continues where the sandbox left off (see `loadClockOffset` / `saveClockOffset`).
 */
export interface SandboxClock {
  /** The current sandbox time. */
  now(): Date;
  nowMs(): number;
  readonly timeScale: number;
  /** Sandbox time minus wall-clock time, in ms. */
  offsetMs(): number;
  /** Moves sandbox time forward by `ms` (never backwards). */
  advance(ms: number): Date;
  /** Puts sandbox time at `to` (tests and demos; may move backwards). */
  set(to: Date): Date;
  /** Converts a sandbox duration into the wall-clock duration it takes at this time scale. */
  realDurationOf(sandboxMs: number): number;
}

export interface ClockOptions {
  timeScale?: number;
  initialOffsetMs?: number;
  /** Wall clock, replaceable in unit tests. */
  realNow?: () => number;
}

export function createClock(options: ClockOptions = {}): SandboxClock {
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  }
  const realNow = options.realNow ?? Date.now;
  let anchorReal = realNow();
  let anchorOffset = options.initialOffsetMs ?? 0;

  const offsetAt = (real: number) => anchorOffset + (real - anchorReal) * (timeScale - 1);
  const reanchor = (extra: number) => {
    const real = realNow();
    anchorOffset = offsetAt(real) + extra;
    anchorReal = real;
  };

  return {
    timeScale,
    nowMs() {
      const real = realNow();
      return Math.floor(real + offsetAt(real));
    },
    now() {
      return new Date(this.nowMs());
    },
    offsetMs() {
      return Math.floor(offsetAt(realNow()));
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance needs a non-negative number of ms, got ${ms}`);
      reanchor(ms);
      return this.now();
    },
    set(to: Date) {
      reanchor(to.getTime() - this.nowMs());
      return this.now();
    },
    realDurationOf(sandboxMs: number) {
      return sandboxMs / timeScale;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Adds calendar days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return utcDate(at);
}

/** Adds calendar months to a `YYYY-MM-DD` date, clamping to the end of shorter months. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`not a date: ${date}`);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return utcDate(target);
}
