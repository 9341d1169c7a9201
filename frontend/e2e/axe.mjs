// Accessibility checks with axe-core: every page and state the scenarios reach is checked against WCAG
// 2.0 and 2.1, levels A and AA. Each check is attached to the test (the `axe` attachment, read by
// axe-reporter.mjs for test-artifacts/axe-summary.json and the closing "axe: N pages checked, M
// violations" line); any violation fails the test (a soft failure: the scenario goes on, so that one
// run shows every page's violations), each printed with its id, impact, help and the nodes it found.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One violation in words: `id (impact): help`, then each node's target and what is wrong there. */
export function describeViolation(violation) {
  const nodes = violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
  return `  ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.helpUrl}\n${nodes.join('\n')}`;
}

/** What axe could not decide by itself (for example a contrast over an image), said in the log line. */
function incomplete(results) {
  if (!results.incomplete.length) return '';
  return `; to check by hand: ${results.incomplete.map((item) => `${item.id} (${item.nodes.length})`).join(', ')}`;
}

/**
 * Runs axe on the page as it is now; `label` names the page and state ("sign-in, ko, phone"). Fails the
 * test (softly) on any violation. Returns the violations.
 */
export async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({ target: node.target, html: node.html, failureSummary: node.failureSummary })),
  }));
  await test.info().attach('axe', {
    body: JSON.stringify({ label, url: page.url(), violations }),
    contentType: 'application/json',
  });
  const nodes = violations.reduce((sum, violation) => sum + violation.nodes.length, 0);
  if (violations.length) console.log(`  axe: ${label}: ${violations.length} violation(s) on ${nodes} node(s)\n${violations.map(describeViolation).join('\n')}`);
  else console.log(`  axe: ${label}: no violations (${results.passes.length} rules passed${incomplete(results)})`);
  if (process.env.E2E_VERBOSE) {
    for (const item of results.incomplete) {
      for (const node of item.nodes) console.log(`    to check: ${item.id} ${node.target.join(' ')}: ${node.any.map((check) => check.message).join('; ')}`);
    }
  }
  expect.soft(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), `axe violations on ${label}`).toEqual([]);
  return violations;
}
