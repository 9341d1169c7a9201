// The browser tests (Playwright Test, e2e/*.spec.mjs) in Debian's Chromium (CHROMIUM_PATH overrides
// /usr/bin/chromium; never `npx playwright install`). The platforms are worker fixtures (e2e/fixtures.mjs
// says why); e2e/global-setup.mjs checks what is needed and stops anything a worker left running.
//
//   npm run build && npm run e2e          every scenario
//   npm run e2e -- -g candidate            only the tests whose name contains "candidate"
//   E2E_HEADED=1 / E2E_KEEP_DATA=1         watch the browser / keep the data folders
//   E2E_VERBOSE=1                          log what the fakes see and what axe could not decide
import { defineConfig } from '@playwright/test';

const headed = Boolean(process.env.E2E_HEADED);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.mjs',
  globalSetup: './e2e/global-setup.mjs',
  // One worker, in order: the scenarios share one platform, its administrator and the fakes' records.
  workers: 1,
  fullyParallel: false,
  // A flaky test must be seen, not hidden.
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // A scenario is a whole journey (an interview answered, its report written): minutes, not seconds.
  timeout: 240_000,
  expect: { timeout: 20_000 },
  outputDir: 'test-artifacts/results',
  reporter: [
    ['list'],
    ['html', { outputFolder: 'test-artifacts/report', open: 'never' }],
    ['./e2e/axe-reporter.mjs'],
  ],
  use: {
    browserName: 'chromium',
    headless: !headed,
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        // A synthetic microphone, allowed without asking, for answering by voice.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    },
  },
});
