// Starting and stopping `interview dev` for the browser tests (used by the fixtures in fixtures.mjs).
// Each platform gets a fresh data folder and free ports; it is written down in a registry folder while
// it runs, so that the global teardown (global-setup.mjs) can stop one a worker could not stop itself
// (a worker killed before its fixtures' teardown ran).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const frontend = resolve(here, '..');
export const repo = resolve(frontend, '..');
export const artifacts = join(frontend, 'test-artifacts');
export const interviewBin = process.env.INTERVIEW_BIN ?? join(repo, '.venv', 'bin', 'interview');
/** Where the running platforms are written down (one JSON file each). */
const registry = join(artifacts, '.platforms');

const started = Date.now();
/** A line with the seconds since this process started, as the old runner printed them. */
export function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[${seconds}s] ${message}`);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

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

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`interview dev exited early with code ${child.exitCode}`);
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

function register(entry) {
  mkdirSync(registry, { recursive: true });
  writeFileSync(join(registry, `${entry.pid}.json`), JSON.stringify(entry));
}

function unregister(pid) {
  rmSync(join(registry, `${pid}.json`), { force: true });
}

/**
 * Starts `interview dev` with a fresh data folder on free ports; resolves with
 * { label, apiUrl, webUrl, dataDir, stop() } once the API and the web app answer.
 */
export async function startPlatform(label, env) {
  if (!existsSync(interviewBin)) throw new Error(`${interviewBin} not found: run 'make install' in the repository first`);
  const apiPort = await freePort();
  let webPort = await freePort();
  while (webPort === apiPort) webPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'interview-e2e-'));
  log(`starting ${label}: API :${apiPort}, web :${webPort}, data ${dataDir}`);
  const output = [];
  const child = spawn(interviewBin, ['dev', '--port', String(apiPort), '--web-port', String(webPort)], {
    cwd: repo,
    env: { ...env, INTERVIEW_DATA_DIR: dataDir, PYTHONUNBUFFERED: '1' },
    detached: true, // its own process group: stopped as a whole, and not by the terminal's Ctrl+C
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  register({ pid: child.pid, dataDir, label });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      output.push(chunk.toString());
      if (output.length > 400) output.splice(0, output.length - 400);
    });
  }
  const stop = () => stopPlatform({ pid: child.pid, dataDir, child });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  try {
    await waitForHealth(`${apiUrl}/health`, child, 120_000);
    await waitForHealth(`${webUrl}/config.json`, child, 30_000);
  } catch (error) {
    console.error(output.join('').slice(-4000));
    await stop();
    throw error;
  }
  log(`${label} is up`);
  return { label, apiUrl, webUrl, dataDir, stop };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends the platform's process group (SIGTERM, then SIGKILL after 15 s), stops its embedded PostgreSQL
 * (which runs in a session of its own) by its data folder, and removes the folder (unless E2E_KEEP_DATA).
 */
export async function stopPlatform({ pid, dataDir, child }) {
  const running = () => (child ? child.exitCode === null && child.signalCode === null : alive(pid));
  if (running()) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 15_000;
    while (running() && Date.now() < deadline) await sleep(200);
  }
  try {
    process.kill(-pid, 'SIGKILL'); // anything of the group still there
  } catch {
    /* ended */
  }
  spawnSync(interviewBin, ['db', 'stop'], { env: { ...process.env, INTERVIEW_DATA_DIR: dataDir }, stdio: 'ignore', timeout: 30_000 });
  if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  unregister(pid);
}

/**
 * Stops every platform still written down in the registry: one whose worker ended before it could
 * stop it. A process is ended only if it is still the one started (its environment names the data folder).
 */
export async function stopLeftovers() {
  let names = [];
  try {
    names = readdirSync(registry).filter((name) => name.endsWith('.json'));
  } catch {
    return 0;
  }
  for (const name of names) {
    const entry = JSON.parse(readFileSync(join(registry, name), 'utf8'));
    let ours = false;
    try {
      ours = readFileSync(`/proc/${entry.pid}/environ`, 'utf8').split('\0').includes(`INTERVIEW_DATA_DIR=${entry.dataDir}`);
    } catch {
      ours = false; // gone (or not readable): only its database and folder are left to clean
    }
    log(`stopping ${entry.label} left running (${entry.dataDir})`);
    if (ours) await stopPlatform({ pid: entry.pid, dataDir: entry.dataDir });
    else {
      spawnSync(interviewBin, ['db', 'stop'], { env: { ...process.env, INTERVIEW_DATA_DIR: entry.dataDir }, stdio: 'ignore', timeout: 30_000 });
      if (!process.env.E2E_KEEP_DATA) rmSync(entry.dataDir, { recursive: true, force: true });
      unregister(entry.pid);
    }
  }
  return names.length;
}

// An administrator can only be made with the CLI: it attaches to the running embedded database.
export const admin = { username: 'e2eadmin', password: 'pass-phrase-42', email: 'e2eadmin@example.com', fullName: 'Ada Admin' };

/** Makes `admin` on the platform of that data folder. */
export function createAdmin(dataDir) {
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
