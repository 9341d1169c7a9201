// A Playwright reporter that gathers the `axe` attachments of checkA11y (axe.mjs) from every test, writes
// test-artifacts/axe-summary.json ({ page label: number of violations }) and ends the run with the line
// "axe: N pages checked, M violations". A label checked more than once (a second language of the same
// state, a test run again) is counted once per check, its later checks named "label (2)", ...
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts');

export default class AxeReporter {
  constructor() {
    /** label -> violations, in the order checked. */
    this.summary = {};
  }

  printsToStdio() {
    return false; // the list reporter stays the one that prints the tests
  }

  onTestEnd(test, result) {
    for (const attachment of result.attachments) {
      if (attachment.name !== 'axe' || !attachment.body) continue;
      const { label, violations } = JSON.parse(attachment.body.toString('utf8'));
      let key = label;
      for (let index = 2; key in this.summary; index += 1) key = `${label} (${index})`;
      this.summary[key] = violations.length;
    }
  }

  onEnd() {
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'axe-summary.json'), `${JSON.stringify(this.summary, null, 2)}\n`);
    const pages = Object.keys(this.summary).length;
    const violations = Object.values(this.summary).reduce((sum, count) => sum + count, 0);
    console.log(`axe: ${pages} pages checked, ${violations} violations`);
  }
}
