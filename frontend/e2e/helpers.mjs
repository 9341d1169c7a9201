// What the browser scenarios (*.spec.mjs) share: direct API calls for their setup, signing in, answering
// the interview room, waiting for a report, screenshots and the answers typed. A scenario gets `env`
// (fixtures.mjs): { apiUrl, webUrl, dataDir, newContext, artifacts, log, admin, deepgram } (dataDir: the
// platform's data folder, where `interview dev` keeps the mail it catches in mail/*.eml; admin:
// { username, password, email, fullName }, an administrator made with the CLI; deepgram: the fake Deepgram
// the platform uses, with what it saw). The other platforms are fixtures of their own (noSpeechPlatform,
// llmPlatform, with fakeLlm: the fake LLM and the requests it got).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkA11y } from './axe.mjs';
import { waitForMail } from './mail.mjs';

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true };
let counter = 0;
export const unique = (prefix) => `${prefix}${Date.now().toString(36)}${(counter += 1)}`;

/** Direct API calls, for the setup a scenario does not test through the UI. */
export function apiClient(apiUrl) {
  async function call(method, path, body, token) {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return { status: response.status, data };
  }
  /** The status and body of a call that may be refused, for checking the API's rules. */
  async function attempt(method, path, body, token) {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, data: text ? JSON.parse(text) : null };
  }
  async function login(username, password = 'pass-phrase-42') {
    const { data } = await call('POST', '/token', { username, password });
    return data.access_token;
  }
  const client = {
    call,
    attempt,
    login,
    /** Registers a user and returns { user, token }. A recruiter founds an organization that waits for approval. */
    async user(role, name = unique(role.slice(0, 4)), fullName = name, extra = {}) {
      const password = 'pass-phrase-42';
      const { data: user } = await call('POST', '/register', { email: `${name}@example.com`, username: name, password, role, full_name: fullName, ...extra });
      return { user, token: await login(name, password), username: name, password };
    },
    /** A recruiter whose organization the platform's admin approved (through the API). */
    async recruiter(env, name = unique('rec'), fullName = name, organizationName = `${fullName} Inc.`) {
      const made = await client.user('recruiter', name, fullName, { organization_name: organizationName });
      const adminToken = await login(env.admin.username, env.admin.password);
      await call('POST', `/organizations/${made.user.organization.id}/approve`, undefined, adminToken);
      return { ...made, organization: { ...made.user.organization, status: 'approved' } };
    },
    /** Invites one candidate to a posting through the API and returns the link of the e-mail it got. */
    async invite(env, token, postingId, email, extra = {}) {
      const { data } = await call('POST', `/job-postings/${postingId}/invitations`, { emails: [email], ...extra }, token);
      assert.equal(data.invitations.length, 1, `invited ${email}: ${JSON.stringify(data.skipped)}`);
      const mail = await waitForMail(env.dataDir, email);
      return { invitation: data.invitations[0], mail, token: new URL(mail.link).searchParams.get('token') };
    },
  };
  return client;
}

/** The page is no wider than its viewport: nothing to scroll sideways. */
export async function assertNoSidewaysScroll(page, what) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${what}: the page is ${scroll}px wide in a ${width}px viewport`);
}

export async function shot(page, env, name, options = {}) {
  await page.screenshot({ path: join(env.artifacts, `${name}.png`), fullPage: true, ...options });
  env.log(`  screenshot test-artifacts/${name}.png`);
}

export async function signIn(page, env, username, password, labels) {
  await page.goto(`${env.webUrl}/signin`);
  await page.getByLabel(labels.username).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

export const EN_SIGNIN = { username: 'Username or email', password: 'Password', submit: 'Sign in' };
export const KO_SIGNIN = { username: '아이디 또는 이메일', password: '비밀번호', submit: '로그인' };

/** Before the first question: the AI notice, agreed to (the consent is recorded with the interview). */
export async function agreeToNotice(page, label) {
  await page.getByTestId('ai-notice').getByRole('button', { name: label }).click();
  await page.getByTestId('question-text').waitFor();
}

/** After an answer: the interviewer decides on a follow-up (the room waits up to about 8 s). */
export async function interviewerDecided(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="question-card"]')?.getAttribute('data-step') !== 'waiting', null, { timeout: 20_000 });
}

/**
 * Answers every question of the interview room by typing, and any follow-up the interviewer asks;
 * waits for each answer to be saved and for the first answer's live sentiment. `skip` lists
 * question numbers (1-based) to skip; `a11yLabel` names the room answering for the accessibility check
 * (with the first answer's sentiment). Returns how many follow-ups were asked.
 */
export async function answerAll(page, env, { answers, send, shotName, a11yLabel, skip = [] }) {
  const progress = page.getByTestId('progress');
  await progress.waitFor();
  const total = Number(await progress.getAttribute('data-total'));
  assert.ok(total >= 3, `expected at least 3 questions, got ${total}`);
  let answered = 0;
  let followUps = 0;
  for (let index = 0; index < total; index += 1) {
    await page.locator(`[data-testid="question-card"][data-number="${index + 1}"]`).waitFor();
    const question = await page.getByTestId('question-text').innerText();
    assert.ok(question.trim().length > 10, 'the question is shown');
    if (skip.includes(index + 1)) {
      await page.getByRole('button', { name: send.skip }).click();
      continue;
    }
    await page.locator('#answer').fill(answers[index % answers.length]);
    await page.getByRole('button', { name: send.button }).click();
    answered += 1;
    await page.locator(`[data-testid="progress"][data-answered="${answered}"]`).waitFor();
    await interviewerDecided(page);
    // A follow-up under the same question, answered like it (with the question's id).
    while ((await page.locator('[data-testid="question-card"][data-step="followUp"]').count()) > 0) {
      followUps += 1;
      const under = await page.getByTestId('question-text').innerText();
      assert.equal(under, question, `the follow-up is under its question: ${JSON.stringify({ under, question })}`);
      const followUpId = await page.getByTestId('question-card').getAttribute('data-follow-up');
      await page.locator('#answer').fill(answers[(index + 1) % answers.length]);
      await page.getByRole('button', { name: send.button }).click();
      // Its answer saved: the room has left that follow-up (for the next question, or another one).
      await page.waitForFunction((id) => document.querySelector('[data-testid="question-card"]')?.getAttribute('data-follow-up') !== id, followUpId, { timeout: 20_000 });
      await interviewerDecided(page);
    }
    if (answered === 1) {
      // The live sentiment indicator turns from "scoring" into a level once the worker scored it.
      await page.locator('[data-testid="live-sentiment"] [data-testid="sentiment"]:not([data-level="pending"])').waitFor({ timeout: 20_000 });
      await shot(page, env, shotName);
      await checkA11y(page, a11yLabel);
    }
  }
  env.log(`  ${answered} of ${total} questions answered, ${followUps} follow-up(s) asked and answered`);
  return { total, answered, followUps };
}

/** Waits through the 202 "being written" state (screenshotting it when seen) to the report. */
export async function waitForReport(page, env, pendingShot) {
  const statuses = [];
  const onResponse = (response) => {
    if (/\/interviews\/\d+\/report$/.test(new URL(response.url()).pathname)) statuses.push(response.status());
  };
  page.on('response', onResponse);
  const report = page.getByTestId('report');
  const pending = page.getByTestId('report-pending');
  await Promise.race([report.waitFor({ timeout: 30_000 }), pending.waitFor({ timeout: 30_000 })]);
  if (await pending.isVisible()) {
    env.log('  the report is being written (202): waiting');
    await shot(page, env, pendingShot, { fullPage: false });
  }
  await report.waitFor({ timeout: 60_000 });
  page.off('response', onResponse);
  env.log(`  GET /report answered ${statuses.join(', ') || '(already loaded before the wait)'}`);
}

export const KO_ANSWERS = [
  '저는 FastAPI와 PostgreSQL로 3년 동안 백엔드 API를 개발한 경험이 있습니다. 인덱스 설계와 쿼리 튜닝으로 응답 시간을 40% 줄였습니다.',
  '트랜잭션 격리 수준과 락을 이해하고, 커서 기반 페이지네이션과 캐시를 써서 대용량 목록 API의 일관성과 성능을 지켰습니다.',
  '장애가 났을 때 먼저 영향을 받는 사용자를 파악하고 롤백한 뒤, 모니터링 지표와 로그로 원인을 찾고 재발 방지 대책을 팀과 공유했습니다.',
  '팀원과 의견이 다를 때는 데이터와 근거를 함께 보며 대화하고, 합의한 결정은 문서로 남겨 모두가 같은 방향으로 일하도록 했습니다.',
  '사용자에게 가치를 주는 제품을 만드는 회사의 문화와 성장 기회가 좋아서 지원했고, 제 백엔드 경험으로 기여하고 싶습니다.',
];

export const EN_ANSWERS = [
  'I built REST APIs with FastAPI and PostgreSQL for three years; I designed the schema, added indexes and cut p95 latency by 40 percent.',
  'I would use cursor based pagination with a stable sort key, so inserts do not shift pages, and return a next cursor with each page.',
  'I once found a slow query with monitoring and tracing, added a composite index and a cache, measured the result and shared it with the team.',
  'First I would stop the migration to release the lock, roll back, communicate the impact, then rerun it online in small batches.',
  'I like your product and the culture of ownership; this role lets me grow while helping the team ship reliable services.',
];
