// Playwright's global setup: checks what the tests need (the platform's Python environment, Chromium,
// the built web app, building it if missing) and returns the global teardown, which stops any platform
// a worker left running (see platform.mjs). The platforms themselves are worker fixtures (fixtures.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, frontend, interviewBin, log, stopLeftovers } from './platform.mjs';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function globalSetup() {
  if (!existsSync(interviewBin)) throw new Error(`${interviewBin} not found: run 'make install' in the repository first`);
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install -y chromium`);
  if (!existsSync(join(frontend, 'dist', 'index.html'))) {
    log('dist/ is missing: building the web app');
    const build = spawnSync('npm', ['run', 'build'], { cwd: frontend, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  mkdirSync(artifacts, { recursive: true });
  await stopLeftovers(); // from a run that was killed outright
  return async () => {
    const left = await stopLeftovers();
    if (left) log(`global teardown: stopped ${left} platform(s) a worker had left running`);
  };
}
