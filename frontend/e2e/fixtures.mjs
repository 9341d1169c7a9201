// The fixtures of the browser tests: the platforms, the fakes they talk to, and the `env` each scenario
// gets ({ apiUrl, webUrl, dataDir, newContext, artifacts, log, admin, deepgram }).
//
// Worker-scoped fixtures rather than a global setup, because the scenarios assert on what the fakes saw
// (the fake Deepgram's connections, the fake LLM's requests): those records live in the process that
// runs the fakes, so the fakes, and the platforms that use them, live in the worker that runs the tests.
// A worker fixture is also started only when a test selected for the run asks for it: the `no-speech`
// platform (no Deepgram key) and the `llm` platform (the fake LLM) only run when such a test runs. Playwright
// tears worker fixtures down when the worker ends: after the last test, after a failed test (the next test
// gets a fresh worker, with fresh platforms), and on Ctrl+C (the runner stops its workers gracefully).
// A worker killed outright is covered by the global teardown (global-setup.mjs, platform.mjs's registry).
//
// One worker (playwright.config.ts): the scenarios share the platform's single administrator, count
// what the fakes saw (sessions, grants, requests) before and after their own steps and, on CI's two
// cores, a second platform started per worker would slow everything down.
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startFakeDeepgram } from './fake-deepgram.mjs';
import { startFakeLlm } from './fake-llm.mjs';
import { admin, artifacts, createAdmin, log, startPlatform } from './platform.mjs';

const quiet = () => {};
/** The time a worker fixture has to start (platform, database, administrator) and again to stop. */
const PLATFORM_TIMEOUT = 240_000;

/** Without a Deepgram key: the room offers typing only. */
function withoutSpeech() {
  const env = { ...process.env };
  delete env.DEEPGRAM_API_KEY;
  delete env.DEEPGRAM_BASE_URL;
  return env;
}

export const test = base.extend({
  // --- worker scope ---------------------------------------------------------------------------
  /** The fake Deepgram of the platform: { url, apiKey, grants, sessions, refusals, expireTokens() }. */
  deepgram: [
    async ({}, use) => {
      const fake = await startFakeDeepgram({ log: process.env.E2E_VERBOSE ? log : quiet });
      log(`fake Deepgram at ${fake.url}`);
      await use(fake);
      await fake.close();
    },
    { scope: 'worker' },
  ],
  /** The fake LLM of the `llm` platform: { baseUrl, apiKey, model, requests }. */
  fakeLlm: [
    async ({}, use) => {
      const fake = await startFakeLlm({ log: process.env.E2E_VERBOSE ? log : quiet });
      log(`fake LLM at ${fake.baseUrl}`);
      await use(fake);
      await fake.close();
    },
    { scope: 'worker' },
  ],
  /** The platform of every scenario, with the fake Deepgram as its speech provider and an administrator. */
  platform: [
    async ({ deepgram }, use) => {
      const platform = await startPlatform('the platform', { ...process.env, DEEPGRAM_API_KEY: deepgram.apiKey, DEEPGRAM_BASE_URL: deepgram.url });
      try {
        await createAdmin(platform.dataDir);
        await use(platform);
      } finally {
        await platform.stop();
      }
    },
    { scope: 'worker', timeout: PLATFORM_TIMEOUT },
  ],
  /** A platform without a Deepgram key, for the typed-only room. */
  noSpeechPlatform: [
    async ({}, use) => {
      const platform = await startPlatform('a platform without a Deepgram key', withoutSpeech());
      try {
        await use(platform);
      } finally {
        await platform.stop();
      }
    },
    { scope: 'worker', timeout: PLATFORM_TIMEOUT },
  ],
  /** A platform whose language model is the fake LLM (questions drafted from a posting, follow-ups phrased). */
  llmPlatform: [
    async ({ deepgram, fakeLlm }, use) => {
      const env = {
        ...process.env,
        DEEPGRAM_API_KEY: deepgram.apiKey,
        DEEPGRAM_BASE_URL: deepgram.url,
        LLM_BASE_URL: fakeLlm.baseUrl,
        LLM_API_KEY: fakeLlm.apiKey,
        LLM_MODEL: fakeLlm.model,
        EVALUATOR: 'offline',
      };
      delete env.HUGGINGFACE_API_KEY;
      const platform = await startPlatform('a platform with the fake LLM', env);
      try {
        // With the same administrator, so that `apiClient(...).recruiter(env)` works there too.
        await createAdmin(platform.dataDir);
        await use(platform);
      } finally {
        await platform.stop();
      }
    },
    { scope: 'worker', timeout: PLATFORM_TIMEOUT },
  ],

  // --- test scope -----------------------------------------------------------------------------
  /**
   * Opens a browser context (desktop 1280×860, English, unless told otherwise) that is closed after the
   * test; when the test fails, every page of every context is screenshotted first
   * (test-artifacts/FAILED-<slug>-<context>-<page>.png, also attached to the report).
   */
  newContext: async ({ browser }, use, testInfo) => {
    const contexts = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', ...options });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context;
    });
    if (testInfo.status !== testInfo.expectedStatus) {
      const slug = testInfo.annotations.find((item) => item.type === 'slug')?.description ?? `test-${testInfo.testId}`;
      for (const [index, context] of contexts.entries()) {
        for (const [pageIndex, page] of context.pages().entries()) {
          const name = `FAILED-${slug}-${index}-${pageIndex}.png`;
          const path = join(artifacts, name);
          const saved = await page.screenshot({ path, fullPage: true }).then(() => true, () => false);
          if (!saved) continue;
          log(`  screenshot of the failure: test-artifacts/${name} (at ${page.url()})`);
          await testInfo.attach(name, { path, contentType: 'image/png' });
        }
      }
    }
    for (const context of contexts) await context.close().catch(() => {});
  },
  /** What a scenario gets: the main platform's URLs and data folder, the administrator, the fake Deepgram. */
  env: async ({ platform, deepgram, newContext }, use) => {
    const { apiUrl, webUrl, dataDir } = platform;
    await use({ apiUrl, webUrl, dataDir, newContext, artifacts, log, admin, deepgram });
  },
});

/** A test's details naming its slug (the failure screenshots' names): `test(name, slug('candidate'), body)`. */
export function slug(name) {
  return { annotation: { type: 'slug', description: name } };
}
