// End-to-end tests of the web app in a real browser (Debian's chromium, driven by playwright-core).
// The runner starts the whole platform itself (`interview dev` with a fresh data folder, the API and
// the built web app on free ports), with a local fake Deepgram (e2e/fake-deepgram.mjs) as its speech
// provider (DEEPGRAM_API_KEY/DEEPGRAM_BASE_URL), runs every scenario, saves screenshots into
// test-artifacts/, stops the platform (also on failure) and ends with the line "N passed, M failed".
// Chromium gets a synthetic microphone (--use-fake-device-for-media-stream) for the voice scenario.
// A scenario marked `platform: 'no-speech'` gets a second platform without a Deepgram key (started in
// the background while the first scenarios run) through `env.platform('no-speech')`.
// A local fake LLM (e2e/fake-llm.mjs, an OpenAI-compatible chat endpoint) is always running, as
// `env.llm` with the requests it got; a scenario marked `platform: 'llm'` gets a platform that uses
// it (LLM_BASE_URL/LLM_API_KEY/LLM_MODEL, EVALUATOR=offline) through `env.platform('llm')`.
//
//   npm run build && npm run e2e            all scenarios
//   npm run e2e -- candidate                 only scenarios whose name contains "candidate"
//   E2E_HEADED=1 / E2E_KEEP_DATA=1           watch the browser / keep the data folder
//   E2E_VERBOSE=1                            log what the fake Deepgram and the fake LLM see
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startFakeDeepgram } from './fake-deepgram.mjs';
import { startFakeLlm } from './fake-llm.mjs';
import { scenarios as consoleAndRoom } from './scenarios.mjs';
import { scenarios as walkthrough } from './walkthrough.mjs';
import { scenarios as generation } from './generation.mjs';

const scenarios = [...consoleAndRoom, ...walkthrough, ...generation];

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const repo = resolve(frontend, '..');
const artifacts = join(frontend, 'test-artifacts');
const interviewBin = process.env.INTERVIEW_BIN ?? join(repo, '.venv', 'bin', 'interview');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const filter = process.argv[2] ?? '';
const started = Date.now();

function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[${seconds}s] ${message}`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function waitForHealth(url, platform, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (platform.exitCode !== null) throw new Error(`interview dev exited early with code ${platform.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(300);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000}s`);
}

/** The platforms started: { label, process, dataDir, output }. */
const platforms = [];
let deepgram = null;
let llm = null;
let browser = null;
let cleanedUp = false;

/**
 * Starts `interview dev` with a fresh data folder on free ports; resolves with
 * { apiUrl, webUrl, dataDir } once the API and the web app answer.
 */
async function startPlatform(label, env) {
  const apiPort = await freePort();
  let webPort = await freePort();
  while (webPort === apiPort) webPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'interview-e2e-'));
  log(`starting ${label}: API :${apiPort}, web :${webPort}, data ${dataDir}`);
  const output = [];
  const child = spawn(interviewBin, ['dev', '--port', String(apiPort), '--web-port', String(webPort)], {
    cwd: repo,
    env: { ...env, INTERVIEW_DATA_DIR: dataDir, PYTHONUNBUFFERED: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  platforms.push({ label, process: child, dataDir });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      output.push(chunk.toString());
      if (output.length > 400) output.splice(0, output.length - 400);
    });
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  try {
    await waitForHealth(`${apiUrl}/health`, child, 120_000);
    await waitForHealth(`${webUrl}/config.json`, child, 30_000);
  } catch (error) {
    console.error(output.join('').slice(-4000));
    throw error;
  }
  log(`${label} is up`);
  return { apiUrl, webUrl, dataDir };
}

async function stopPlatform({ process: child, dataDir }) {
  if (child.exitCode === null) {
    // The platform runs in its own process group: end the group, then make sure.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 15_000;
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await sleep(200);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* ended */
    }
  }
  // The embedded PostgreSQL runs in a session of its own: stop it by its data folder.
  spawnSync(interviewBin, ['db', 'stop'], { env: { ...process.env, INTERVIEW_DATA_DIR: dataDir }, stdio: 'ignore', timeout: 30_000 });
  if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
}

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (browser) await browser.close().catch(() => {});
  await Promise.all(platforms.map((platform) => stopPlatform(platform).catch(() => {})));
  if (deepgram) await deepgram.close().catch(() => {});
  if (llm) await llm.close().catch(() => {});
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

// An administrator can only be made with the CLI: it attaches to the running embedded database.
const admin = { username: 'e2eadmin', password: 'pass-phrase-42', email: 'e2eadmin@example.com', fullName: 'Ada Admin' };

/** Makes `admin` on the platform of that data folder (not blocking: scenarios may be running). */
function createAdmin(dataDir) {
  return new Promise((resolveMade, reject) => {
    const child = spawn(
      interviewBin,
      ['users', 'create-admin', '--email', admin.email, '--username', admin.username, '--full-name', admin.fullName, '--password', admin.password],
      { cwd: repo, env: { ...process.env, INTERVIEW_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`interview users create-admin failed (${code}): ${output}`));
      log(`administrator ${admin.username} created (${dataDir})`);
      resolveMade();
    });
  });
}

async function main() {
  if (!existsSync(interviewBin)) throw new Error(`${interviewBin} not found: run 'make install' in the repository first`);
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install -y chromium`);
  if (!existsSync(join(frontend, 'dist', 'index.html'))) {
    log('dist/ is missing: building the web app');
    const build = spawnSync('npm', ['run', 'build'], { cwd: frontend, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  mkdirSync(artifacts, { recursive: true });

  const selected = scenarios.filter((item) => item.name.includes(filter));
  deepgram = await startFakeDeepgram({ log: process.env.E2E_VERBOSE ? log : () => {} });
  log(`fake Deepgram at ${deepgram.url}`);
  llm = await startFakeLlm({ log: process.env.E2E_VERBOSE ? log : () => {} });
  log(`fake LLM at ${llm.baseUrl}`);
  // The platform of all scenarios, with the fake Deepgram as its speech provider.
  const { apiUrl, webUrl, dataDir } = await startPlatform('the platform', {
    ...process.env,
    DEEPGRAM_API_KEY: deepgram.apiKey,
    DEEPGRAM_BASE_URL: deepgram.url,
  });
  // A second one without a Deepgram key, only for the scenarios that need it, starting meanwhile.
  const extra = {};
  if (selected.some((item) => item.platform === 'no-speech')) {
    const env = { ...process.env };
    delete env.DEEPGRAM_API_KEY;
    delete env.DEEPGRAM_BASE_URL;
    extra['no-speech'] = startPlatform('a platform without a Deepgram key', env);
    extra['no-speech'].catch(() => {}); // reported by the scenario that awaits it
  }
  // One whose language model is the fake LLM (questions drafted from a posting, follow-ups phrased).
  if (selected.some((item) => item.platform === 'llm')) {
    const env = {
      ...process.env,
      DEEPGRAM_API_KEY: deepgram.apiKey,
      DEEPGRAM_BASE_URL: deepgram.url,
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: llm.apiKey,
      LLM_MODEL: llm.model,
      EVALUATOR: 'offline',
    };
    delete env.HUGGINGFACE_API_KEY;
    // With the same administrator, so that `apiClient(...).recruiter(env)` works there too.
    extra.llm = startPlatform('a platform with the fake LLM', env).then(async (started) => {
      await createAdmin(started.dataDir);
      return started;
    });
    extra.llm.catch(() => {}); // reported by the scenario that awaits it
  }

  await createAdmin(dataDir);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: !process.env.E2E_HEADED,
    args: [
      '--headless',
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
    ].filter((flag) => !(process.env.E2E_HEADED && flag === '--headless')),
  });

  const env = { apiUrl, webUrl, dataDir, browser, artifacts, log, admin, deepgram, llm, platform: (name) => extra[name] };
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const scenario of selected) {
    const begin = Date.now();
    log(`▶ ${scenario.name}`);
    const contexts = [];
    const newContext = async (options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', ...options });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context;
    };
    try {
      await scenario.run({ ...env, newContext });
      passed += 1;
      log(`✔ ${scenario.name} (${((Date.now() - begin) / 1000).toFixed(1)}s)`);
    } catch (error) {
      failed += 1;
      failures.push(scenario.name);
      log(`✘ ${scenario.name}: ${error?.stack ?? error}`);
      for (const [index, context] of contexts.entries()) {
        for (const [pageIndex, page] of context.pages().entries()) {
          const name = `FAILED-${scenario.slug}-${index}-${pageIndex}.png`;
          await page.screenshot({ path: join(artifacts, name), fullPage: true }).catch(() => {});
          log(`  screenshot of the failure: test-artifacts/${name} (at ${page.url()})`);
        }
      }
    } finally {
      for (const context of contexts) await context.close().catch(() => {});
    }
  }
  if (failures.length) log(`failed: ${failures.join(', ')}`);
  log(`screenshots in ${artifacts}`);
  return { passed, failed };
}

let result = { passed: 0, failed: 1 };
try {
  result = await main();
} catch (error) {
  console.error(`e2e setup failed: ${error?.stack ?? error}`);
} finally {
  await cleanup();
}
log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
