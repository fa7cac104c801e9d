import { describe, expect, it } from 'vitest';
import { shouldRecordReportedStatus } from './sync.ts';

describe('shouldRecordReportedStatus', () => {
  it('records a reported status the re-fetch confirms, to date it from its arrival', () => {
    expect(shouldRecordReportedStatus({ reported: 'successful', current: 'successful', knownThen: 'pending' })).toBe(true);
    expect(shouldRecordReportedStatus({ reported: 'pending', current: 'pending', knownThen: null })).toBe(true);
  });

  it('records an older status when Identdesk learned of the current one only after it arrived', () => {
    expect(shouldRecordReportedStatus({ reported: 'pending_successful', current: 'canceled', knownThen: 'pending' })).toBe(true);
    expect(shouldRecordReportedStatus({ reported: 'pending', current: 'successful', knownThen: null })).toBe(true);
  });

  it('leaves out older news that arrived after the current status was known', () => {
    expect(shouldRecordReportedStatus({ reported: 'pending', current: 'successful', knownThen: 'successful' })).toBe(false);
    expect(shouldRecordReportedStatus({ reported: 'pending_successful', current: 'canceled', knownThen: 'canceled' })).toBe(false);
  });
});
