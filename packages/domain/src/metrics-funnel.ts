/**
 * The team-lead funnel: persons of a cohort counted once, at the furthest step any of their
 * identifications reached. Shared by the server, which counts, and the web app, which turns a
 * cohort's five counts into steps with their conversions (a chart of 400 daily cohorts would
 * otherwise carry 2,000 copies of the step labels).
 */
export const FUNNEL_STEPS = [
  { step: 'persons_created', label: 'Persons created' },
  { step: 'identification_created', label: 'Identification created' },
  { step: 'requested', label: 'Requested from IDnow' },
  { step: 'reached_review_or_success', label: 'Reached pending successful or successful' },
  { step: 'successful', label: 'Successful' },
] as const;
export type FunnelStepKey = (typeof FUNNEL_STEPS)[number]['step'];
export const FUNNEL_STEP_KEYS = FUNNEL_STEPS.map((step) => step.step) as [FunnelStepKey, ...FunnelStepKey[]];

export interface FunnelStep {
  step: FunnelStepKey;
  label: string;
  /** Persons of the cohort who reached this step (or a later one). */
  count: number;
  /** count / count of the step before; null for the first step or when the step before is 0. */
  conversionFromPrevious: number | null;
  /** count / persons created; null when no person was created. */
  conversionFromStart: number | null;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The steps of a cohort from its counts, in FUNNEL_STEPS order (missing counts are 0). */
export function funnelSteps(counts: readonly number[]): FunnelStep[] {
  const start = counts[0] ?? 0;
  return FUNNEL_STEPS.map(({ step, label }, index) => {
    const count = counts[index] ?? 0;
    return {
      step,
      label,
      count,
      conversionFromPrevious: index === 0 ? null : ratio(count, counts[index - 1] ?? 0),
      conversionFromStart: ratio(count, start),
    };
  });
}
