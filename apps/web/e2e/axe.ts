import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from './fixtures.ts';

/**
 * Checks the page with axe against WCAG 2.1 A and AA: no serious or critical violation, no rule
 * or element left out. A violation is reported with its rule, its impact, the elements it was
 * found on and where axe explains the fix.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) =>
      [
        `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}`,
        ...violation.nodes.map(
          (node) =>
            `  at ${node.target.map(String).join(' > ')}${node.failureSummary ? `\n    ${node.failureSummary.replaceAll('\n', '\n    ')}` : ''}`,
        ),
        `  ${violation.helpUrl}`,
      ].join('\n'),
    );
  expect(report, `serious or critical accessibility violations on ${what}`).toEqual([]);
}
