// Questions drafted from a job posting's description (issue 12, part 3), in the browser: offline the
// posting page says, in the user's language, why it cannot generate; with a language model (the
// local fake LLM, e2e/fake-llm.mjs, through the `llmPlatform` fixture) a
// recruiter asks for questions, watches them arrive as drafts, sees the near-duplicate the platform
// dropped, approves two and rejects one; the API then shows only approved questions being asked.
import assert from 'node:assert/strict';
import { checkA11y } from './axe.mjs';
import { slug, test } from './fixtures.mjs';
import { apiClient, EN_SIGNIN, KO_SIGNIN, PHONE, shot, signIn, unique } from './helpers.mjs';

const KO_DESCRIPTION =
  '결제 플랫폼 백엔드를 맡을 개발자를 찾습니다. 정산 배치의 안정성, 대용량 트래픽의 결제 API, 장애 대응과 모니터링, 데이터 정합성을 책임집니다.';
const EN_DESCRIPTION =
  'We are hiring a backend engineer for our payments platform. You will design idempotent payment APIs, ' +
  'keep the nightly settlement batch correct, tune PostgreSQL query plans under peak traffic, and lead ' +
  'incident response with on-call monitoring and clear postmortems.';

/** Waits until the posting's latest request for drafts has ended (done or failed), through the page. */
async function waitForDrafts(page) {
  const status = page.getByTestId('draft-request');
  await status.waitFor();
  await page.waitForFunction(
    () => ['done', 'failed'].includes(document.querySelector('[data-testid="draft-request"]')?.getAttribute('data-status') ?? ''),
    null,
    { timeout: 120_000 },
  );
  return status.getAttribute('data-status');
}

test('recruiter on a platform without a language model: generating questions is unavailable, said in Korean (generation offline)', slug('generation-offline'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const recruiter = await api.recruiter(env, unique('gen'), '박서연', `서연 테크 ${Date.now().toString(36)}`);
  const { data: posting } = await api.call(
    'POST',
    '/job-postings',
    { title: '결제 백엔드 개발자', position: 'Backend Developer', language: 'ko', description: KO_DESCRIPTION },
    recruiter.token,
  );
  const { data: generation } = await api.call('GET', '/questions/generation', undefined, recruiter.token);
  assert.equal(generation.available, false, 'the main platform has no language model');
  assert.equal(generation.code, 'no_llm');

  const context = await env.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  await signIn(page, env, recruiter.username, recruiter.password, KO_SIGNIN);
  await page.waitForURL((url) => url.pathname !== '/signin');
  await page.goto(`${env.webUrl}/recruiter/postings/${posting.id}`);
  const section = page.getByTestId('posting-questions');
  await section.getByRole('heading', { name: '공고 설명으로 만든 질문' }).waitFor();
  const button = section.getByRole('button', { name: '질문 만들기' });
  assert.equal(await button.isDisabled(), true, 'the generate button is disabled');
  assert.equal(await section.getByLabel('질문 수').isDisabled(), true, 'so is the count');
  const reason = section.getByTestId('generation-unavailable');
  assert.equal(await reason.getAttribute('data-code'), 'no_llm');
  assert.match(await reason.innerText(), /언어 모델이 설정되어 있지 않습니다/, 'the reason, in Korean');
  assert.equal(await button.getAttribute('aria-describedby'), await reason.getAttribute('id'), 'the button points at its reason');
  assert.equal(await page.getByText(generation.reason).count(), 0, "never the server's English words");
  assert.equal(await page.getByText(/LLM_API_KEY/).count(), 0, 'no configuration variable shown');
  await section.scrollIntoViewIfNeeded();
  await shot(page, env, 'generate-01-ko-unavailable');
  await checkA11y(page, 'posting questions: generation unavailable, ko');
  // The API refuses too, with the code the web app translates.
  const refused = await api.attempt('POST', `/job-postings/${posting.id}/question-drafts`, { count: 5 }, recruiter.token);
  assert.equal(refused.status, 409);
  assert.equal(refused.data.code, 'generation_unavailable');
});

test('recruiter generates questions from a posting description with the fake LLM, sees the near-duplicate dropped, approves two and rejects one; interviews ask only approved questions (generation)', slug('generation-llm'), async ({ env, llmPlatform: llm, fakeLlm }) => {
  const site = { ...env, apiUrl: llm.apiUrl, webUrl: llm.webUrl, dataDir: llm.dataDir };
  const api = apiClient(llm.apiUrl);
  const recruiter = await api.recruiter(site, unique('genr'), 'Grace Hopper', `Hopper Payments ${Date.now().toString(36)}`);
  const { data: generation } = await api.call('GET', '/questions/generation', undefined, recruiter.token);
  assert.deepEqual({ available: generation.available, code: generation.code, model: generation.model }, { available: true, code: null, model: fakeLlm.model });
  const requestsBefore = fakeLlm.requests.length;

  // The recruiter creates the posting in the browser (English, desktop).
  const context = await env.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, site, recruiter.username, recruiter.password, EN_SIGNIN);
  await page.waitForURL((url) => url.pathname !== '/signin');
  await page.getByRole('link', { name: 'Job postings' }).click();
  await page.getByRole('heading', { name: 'Job postings' }).waitFor();
  await page.getByRole('button', { name: 'New job posting' }).click();
  const form = page.getByTestId('posting-form');
  await form.getByLabel('Title').fill('Payments Backend Engineer');
  await form.getByLabel('Position').fill('Backend Developer');
  await form.getByLabel('Description').fill(EN_DESCRIPTION);
  await form.getByLabel('Interview language').selectOption('en');
  await form.getByRole('button', { name: 'New job posting' }).click();
  await page.getByRole('heading', { name: 'Edit posting' }).waitFor();
  const postingId = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(postingId > 0, 'on the posting page');

  // Five questions (the default count), asked for from the section.
  const section = page.getByTestId('posting-questions');
  await section.getByRole('heading', { name: 'Questions from this description' }).waitFor();
  assert.equal(await section.getByLabel('How many questions').inputValue(), '5', 'five by default');
  assert.equal(await section.getByTestId('generation-unavailable').count(), 0);
  await section.scrollIntoViewIfNeeded();
  await shot(page, env, 'generate-02-en-posting');
  await checkA11y(page, 'posting questions: before generating, en');
  await section.getByRole('button', { name: 'Generate questions' }).click();
  // Progress while it is queued or running (or already the result, on a fast machine).
  await section.getByTestId('draft-request').waitFor();
  const first = await section.getByTestId('draft-request').getAttribute('data-status');
  env.log(`  the request, right after asking: ${first}`);
  if (first === 'queued' || first === 'running') {
    assert.equal(await section.getByRole('button', { name: 'Generate questions' }).isDisabled(), true, 'no second request while one runs');
    await shot(page, env, 'generate-03-en-progress');
  }
  assert.equal(await waitForDrafts(section.page()), 'done', await section.getByTestId('draft-request').innerText());

  // What the fake model was asked: this posting's own words, five questions, in English.
  const asked = fakeLlm.requests.slice(requestsBefore).filter((item) => item.task === 'question_generation');
  assert.equal(asked.length, 1, 'one call to the model');
  assert.equal(asked[0].payload.description, EN_DESCRIPTION);
  assert.equal(asked[0].payload.title, 'Payments Backend Engineer');
  assert.equal(asked[0].payload.language, 'en');
  assert.equal(asked[0].payload.count, 5);
  assert.ok(asked[0].payload.existing_questions.length > 0, 'the bank questions it must not repeat');
  const proposed = asked[0].content.questions;
  assert.equal(proposed.length, 6, 'five new ones and a repeat of a bank question');
  const repeat = proposed.find((item) => item.content === asked[0].payload.existing_questions[0]);
  assert.ok(repeat, 'the fake repeated a bank question word for word');

  // The drafts: five, each with its rubric and model, and the near-duplicate not kept.
  const drafts = section.getByTestId('draft-item');
  await section.getByTestId('draft-list').waitFor();
  assert.equal(await drafts.count(), 5);
  const firstDraft = drafts.first();
  assert.match(await firstDraft.getByTestId('draft-model').innerText(), /fake-llm/);
  assert.match(await firstDraft.getByTestId('draft-criteria').innerText(), /approach/);
  const newContents = proposed.filter((item) => item !== repeat).map((item) => item.content);
  const shown = await drafts.evaluateAll((items) => items.map((item) => item.querySelector('.question-content')?.textContent ?? ''));
  for (const content of newContents) assert.ok(shown.some((text) => text.includes(content)), `drafted and shown: ${content}`);
  const dropped = section.getByTestId('dropped-item');
  assert.equal(await dropped.count(), 1, 'one proposal not kept');
  assert.equal(await dropped.getAttribute('data-reason'), 'near_duplicate');
  const droppedText = await dropped.innerText();
  assert.match(droppedText, /Near-duplicate/);
  assert.match(droppedText, /of question #\d+ \(similarity (1\.00|0\.9\d)\)/, droppedText);
  assert.ok(droppedText.includes(repeat.content), 'the dropped proposal is shown');
  await shot(page, env, 'generate-04-en-drafts');
  await checkA11y(page, 'posting questions: drafts, en');

  // The phone: the same drafts, nothing to scroll sideways.
  const phone = await (await env.newContext({ ...PHONE, locale: 'en-US' })).newPage();
  await signIn(phone, site, recruiter.username, recruiter.password, EN_SIGNIN);
  await phone.waitForURL((url) => url.pathname !== '/signin');
  await phone.goto(`${site.webUrl}/recruiter/postings/${postingId}`);
  const phoneDrafts = phone.getByTestId('draft-list');
  await phoneDrafts.waitFor();
  assert.equal(await phone.getByTestId('draft-item').count(), 5);
  const { scroll, width } = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `the phone page is ${scroll}px wide in a ${width}px viewport`);
  await phoneDrafts.scrollIntoViewIfNeeded();
  await shot(phone, env, 'generate-05-phone-drafts', { fullPage: false });
  await checkA11y(phone, 'posting questions: drafts, en, phone');

  // Approve two, reject one (on the desktop page).
  const ids = await drafts.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-id'))));
  const [approveA, approveB, rejectC] = ids;
  for (const id of [approveA, approveB]) {
    await section.getByRole('button', { name: `Approve draft #${id}` }).click();
    await section.getByText(`Question #${id} approved`).waitFor();
    await section.locator(`[data-testid="draft-item"][data-id="${id}"]`).waitFor({ state: 'detached' });
  }
  await section.getByRole('button', { name: `Reject draft #${rejectC}` }).click();
  await section.getByText(`Question #${rejectC} rejected`).waitFor();
  await section.locator(`[data-testid="draft-item"][data-id="${rejectC}"]`).waitFor({ state: 'detached' });
  assert.equal(await section.getByTestId('draft-item').count(), 2, 'two drafts still wait');
  await section.getByTestId('approved-list').waitFor();
  const approvedShown = await section.getByTestId('approved-item').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-id'))));
  assert.deepEqual(approvedShown.sort((a, b) => a - b), [approveA, approveB].sort((a, b) => a - b));
  await shot(page, env, 'generate-06-en-reviewed');
  await checkA11y(page, 'posting questions: drafts reviewed, en');

  // Through the API: the two approved are active, the rejected one and the other drafts are not.
  const question = async (id) => (await api.call('GET', `/questions/${id}`, undefined, recruiter.token)).data;
  for (const id of [approveA, approveB]) {
    const found = await question(id);
    assert.equal(found.status, 'approved', `#${id}`);
    assert.equal(found.is_active, true, `#${id} is active`);
    assert.equal(found.job_posting_id, postingId);
    assert.equal(found.generated_by, `llm:${fakeLlm.model}`);
  }
  const rejected = await question(rejectC);
  assert.equal(rejected.status, 'rejected');
  assert.equal(rejected.is_active, false);
  const waiting = ids.filter((id) => ![approveA, approveB, rejectC].includes(id));
  for (const id of waiting) {
    const found = await question(id);
    assert.equal(found.status, 'draft', `#${id}`);
    assert.equal(found.is_active, false, `#${id} is inactive`);
  }
  const { data: stillDrafts } = await api.call('GET', `/questions?status=draft&job_posting_id=${postingId}`, undefined, recruiter.token);
  assert.deepEqual(stillDrafts.map((item) => item.id).sort((a, b) => a - b), [...waiting].sort((a, b) => a - b));
  const again = await api.attempt('POST', `/questions/${rejectC}/review`, { decision: 'approve' }, recruiter.token);
  assert.equal(again.status, 409);
  assert.equal(again.data.code, 'not_a_draft');

  // A candidate invited to the posting gets an interview that asks no draft and no rejected question.
  const candidate = await api.user('candidate', unique('genc'), 'Alan Turing');
  const { token: link } = await api.invite(site, recruiter.token, postingId, candidate.user.email, { language: 'en' });
  const { data: accepted } = await api.call('POST', '/invitations/accept', { token: link }, candidate.token);
  const { data: interviewQuestions } = await api.call('GET', `/interviews/${accepted.interview_id}/questions`, undefined, candidate.token);
  assert.ok(interviewQuestions.length > 0, 'the interview has questions');
  const askedIds = interviewQuestions.map((item) => item.id);
  for (const id of [...waiting, rejectC]) assert.ok(!askedIds.includes(id), `#${id} (not approved) is never asked`);
  for (const id of askedIds) {
    const found = await question(id);
    assert.equal(found.status, 'approved', `asked question #${id} is approved`);
    assert.equal(found.is_active, true);
  }
  const approvedAsked = askedIds.filter((id) => [approveA, approveB].includes(id));
  env.log(`  the interview asks ${askedIds.length} questions, ${approvedAsked.length} of them approved from the drafts`);
});
