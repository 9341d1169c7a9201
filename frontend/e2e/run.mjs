// End-to-end tests of the web app in a real browser (Debian's chromium, driven by playwright-core).
// The runner starts the whole platform itself (`interview dev` with a fresh data folder, the API and
// the built web app on free ports), runs every scenario, saves screenshots into test-artifacts/,
// stops the platform (also on failure) and ends with the line "N passed, M failed".
//
//   npm run build && npm run e2e            all scenarios
//   npm run e2e -- candidate                 only scenarios whose name contains "candidate"
//   E2E_HEADED=1 / E2E_KEEP_DATA=1           watch the browser / keep the data folder
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { scenarios } from './scenarios.mjs';

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

let platform = null;
let dataDir = null;
let browser = null;
let cleanedUp = false;

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (browser) await browser.close().catch(() => {});
  if (platform && platform.exitCode === null) {
    // The platform runs in its own process group: end the group, then make sure.
    try {
      process.kill(-platform.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 15_000;
    while (platform.exitCode === null && platform.signalCode === null && Date.now() < deadline) await sleep(200);
    try {
      process.kill(-platform.pid, 'SIGKILL');
    } catch {
      /* ended */
    }
  }
  if (dataDir) {
    // The embedded PostgreSQL runs in a session of its own: stop it by its data folder.
    spawnSync(interviewBin, ['db', 'stop'], { env: { ...process.env, INTERVIEW_DATA_DIR: dataDir }, stdio: 'ignore', timeout: 30_000 });
    if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void cleanup().finally(() => process.exit(130));
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

  const apiPort = await freePort();
  let webPort = await freePort();
  while (webPort === apiPort) webPort = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'interview-e2e-'));
  log(`starting the platform: API :${apiPort}, web :${webPort}, data ${dataDir}`);
  const output = [];
  platform = spawn(interviewBin, ['dev', '--port', String(apiPort), '--web-port', String(webPort)], {
    cwd: repo,
    env: { ...process.env, INTERVIEW_DATA_DIR: dataDir, PYTHONUNBUFFERED: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [platform.stdout, platform.stderr]) {
    stream.on('data', (chunk) => {
      output.push(chunk.toString());
      if (output.length > 400) output.splice(0, output.length - 400);
    });
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  try {
    await waitForHealth(`${apiUrl}/health`, platform, 120_000);
    await waitForHealth(`${webUrl}/config.json`, platform, 30_000);
  } catch (error) {
    console.error(output.join('').slice(-4000));
    throw error;
  }
  log('platform is up');

  // An administrator can only be made with the CLI: it attaches to the running embedded database.
  const admin = { username: 'e2eadmin', password: 'password123', email: 'e2eadmin@example.com', fullName: 'Ada Admin' };
  const made = spawnSync(
    interviewBin,
    ['users', 'create-admin', '--email', admin.email, '--username', admin.username, '--full-name', admin.fullName, '--password', admin.password],
    { cwd: repo, env: { ...process.env, INTERVIEW_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 },
  );
  if (made.status !== 0) throw new Error(`interview users create-admin failed (${made.status}): ${made.stderr || made.stdout}`);
  log(`administrator ${admin.username} created`);

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
    ].filter((flag) => !(process.env.E2E_HEADED && flag === '--headless')),
  });

  const env = { apiUrl, webUrl, browser, artifacts, log, admin };
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const scenario of scenarios.filter((item) => item.name.includes(filter))) {
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
