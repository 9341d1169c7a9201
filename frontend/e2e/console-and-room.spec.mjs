// The console and the interview room in the browser: a candidate's whole interview in Korean on a phone,
// a recruiter's journey from sign-up to comparing candidates, the human review of a report, invitations
// by e-mail, answers by voice (with and without a Deepgram key), the question bank, the admin's screens,
// isolation between candidates, both languages and an ended session. Each page and state reached is
// checked with axe (checkA11y).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkA11y } from './axe.mjs';
import { scriptText } from './fake-deepgram.mjs';
import { slug, test } from './fixtures.mjs';
import {
  agreeToNotice,
  answerAll,
  apiClient,
  assertNoSidewaysScroll,
  EN_ANSWERS,
  EN_SIGNIN,
  KO_ANSWERS,
  KO_SIGNIN,
  PHONE,
  shot,
  signIn,
  unique,
  waitForReport,
} from './helpers.mjs';
import { waitForMail } from './mail.mjs';

test('candidate signs up in Korean, takes a whole interview by typing and reads the report', slug('candidate'), async ({ env }) => {
  const context = await env.newContext({ ...PHONE, locale: 'ko-KR' });
  const page = await context.newPage();
  await page.goto(`${env.webUrl}/`);
  await page.getByRole('heading', { name: '로그인' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
  await shot(page, env, '01-ko-signin-phone');
  await checkA11y(page, 'sign-in, ko, phone');

  await page.getByRole('link', { name: '회원가입' }).click();
  const name = unique('cand');
  await page.getByLabel('이메일').fill(`${name}@example.com`);
  await page.getByLabel('아이디', { exact: true }).fill(name);
  await page.getByLabel('비밀번호', { exact: true }).fill('pass-phrase-42');
  await page.getByLabel('이름').fill('김지원');
  await shot(page, env, '02-ko-signup-phone');
  await checkA11y(page, 'sign-up, ko, phone');
  await page.getByRole('button', { name: '가입하기' }).click();

  await page.getByRole('heading', { name: '모의 면접' }).waitFor();
  await page.getByLabel('직무').fill('Backend Developer');
  await page.getByLabel('면접 언어').selectOption('ko');
  await shot(page, env, '03-ko-candidate-home-phone');
  await checkA11y(page, 'candidate home, ko, phone');
  await page.getByRole('button', { name: '모의 면접 시작' }).click();

  await page.getByText('음성이나 입력으로 답하고').waitFor();
  await page.getByRole('button', { name: '면접 시작' }).waitFor();
  await shot(page, env, '04-ko-room-intro-phone');
  await checkA11y(page, 'room: before it begins, ko, phone');
  await page.getByRole('button', { name: '면접 시작' }).click();
  await page.getByTestId('ai-notice').getByRole('button', { name: '이해했으며 동의합니다' }).waitFor();
  await assertNoSidewaysScroll(page, 'the AI notice');
  await shot(page, env, '04b-ko-ai-notice-phone');
  await checkA11y(page, 'room: AI notice, ko, phone');
  await agreeToNotice(page, '이해했으며 동의합니다');
  await page.getByRole('button', { name: '음성으로 답변하기' }).waitFor(); // offered; this candidate types

  const { total } = await answerAll(page, env, {
    answers: KO_ANSWERS,
    send: { button: '답변 보내기', skip: '질문 건너뛰기' },
    shotName: '05-ko-room-answer-sentiment-phone',
    a11yLabel: 'room: answering, ko, phone',
  });
  await page.getByText('모든 질문에 답했습니다').waitFor();
  assert.equal(await page.locator('[data-testid="answers"] li').count(), total);
  await shot(page, env, '06-ko-room-all-answered-phone');
  await checkA11y(page, 'room: all answered, ko, phone');
  await page.getByRole('button', { name: '면접 종료' }).click();

  await page.getByRole('heading', { name: '면접 평가 리포트' }).waitFor();
  await waitForReport(page, env, '07-ko-report-pending-phone');
  const overall = await page.getByTestId('overall-score').innerText();
  assert.match(overall, /종합 점수\s*\d+(\.\d)?/);
  for (const id of ['technical-score', 'communication-score', 'cultural-fit-score']) {
    assert.match(await page.getByTestId(id).innerText(), /\d/);
  }
  assert.ok((await page.getByTestId('summary').innerText()).length > 20, 'summary shown');
  await page.getByTestId('scores-chart').locator('svg').waitFor();
  await page.getByTestId('question-chart').locator('svg').waitFor();
  assert.equal(await page.locator('[data-testid="question-evaluations"] > li').count(), total);
  // The candidate's report: feedback, and the scores (a practice interview always shows them), never the rubric.
  assert.equal(await page.getByTestId('report').getAttribute('data-view'), 'candidate');
  await page.getByTestId('candidate-review-line').getByText('AI 보조', { exact: true }).waitFor();
  for (const hidden of ['evidence', 'signals', 'rubric-version', 'review-panel']) {
    assert.equal(await page.getByTestId(hidden).count(), 0, `no ${hidden} in the candidate's report`);
  }
  await shot(page, env, '08-ko-report-phone');
  await checkA11y(page, 'report (candidate, practice), ko, phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, env, '09-ko-report-desktop');
  await checkA11y(page, 'report (candidate, practice), ko');

  await page.getByRole('link', { name: '내 면접으로 돌아가기' }).click();
  await page.getByTestId('my-interviews').getByText('완료').waitFor();
  await page.getByTestId('my-interviews').getByTestId('kind-badge').getByText('연습').waitFor();
  await shot(page, env, '10-ko-candidate-home-after');
  await checkA11y(page, 'candidate home with an interview, ko');
});

test('recruiter signs up and waits for approval, the admin approves in the UI; the recruiter posts a job and invites a candidate, who answers; the recruiter reads transcript and report', slug('recruiter'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const candidate = await api.user('candidate', unique('dana'), 'Dana Kim');
  const recruiterContext = await env.newContext({ locale: 'en-US' });
  const recruiter = await recruiterContext.newPage();

  // The recruiter signs up through the UI, founding an organization, which waits for approval.
  await recruiter.goto(`${env.webUrl}/signup`);
  const recruiterName = unique('rec');
  const organizationName = `Seoul Backend ${recruiterName}`;
  await recruiter.getByLabel('Email').fill(`${recruiterName}@example.com`);
  await recruiter.getByLabel('Username', { exact: true }).fill(recruiterName);
  await recruiter.getByLabel('Password', { exact: true }).fill('pass-phrase-42');
  await recruiter.getByLabel('Recruiter').check();
  await recruiter.getByLabel(/^Organization \(company\) name/).fill(organizationName);
  await recruiter.getByText('A new organization is reviewed by the platform').waitFor();
  await checkA11y(recruiter, 'sign-up: recruiter, en');
  await recruiter.getByRole('button', { name: 'Create account' }).click();
  const pending = recruiter.getByTestId('pending-organization');
  await pending.getByRole('heading', { name: /Waiting for approval/ }).waitFor();
  await pending.getByTestId('organization-name').getByText(organizationName).waitFor();
  assert.equal(await recruiter.getByRole('link', { name: 'Job postings' }).count(), 0, 'no console menu while pending');
  await shot(recruiter, env, '11-en-recruiter-waiting-for-approval');
  await checkA11y(recruiter, 'waiting for approval, en');
  await recruiter.goto(`${env.webUrl}/recruiter/postings`);
  await pending.waitFor(); // every console page says the same

  // The runner's admin finds it among the pending organizations and approves it, in Korean.
  const adminPage = await (await env.newContext({ locale: 'ko-KR' })).newPage();
  await signIn(adminPage, env, env.admin.username, env.admin.password, KO_SIGNIN);
  await adminPage.getByRole('heading', { name: '면접 목록' }).waitFor();
  await adminPage.getByRole('link', { name: '조직 관리' }).click();
  await adminPage.getByRole('heading', { name: '조직 관리' }).waitFor();
  await adminPage.getByLabel('상태').selectOption('pending');
  const organizationRow = adminPage.locator(`[data-testid="organization-row"][data-name="${organizationName}"]`);
  await organizationRow.getByText(`${recruiterName}@example.com`).waitFor();
  await shot(adminPage, env, '12-ko-admin-organizations-pending');
  await checkA11y(adminPage, 'admin organizations: pending, ko');
  await organizationRow.getByRole('button', { name: `${organizationName} 승인` }).click();
  await adminPage.getByText(`${organizationName}을(를) 승인했습니다`).waitFor();
  await organizationRow.waitFor({ state: 'detached' }); // no longer pending
  await adminPage.getByLabel('상태').selectOption('');
  await organizationRow.getByTestId('organization-status').getByText('승인됨').waitFor();

  // The recruiter checks again and has the console.
  await pending.getByRole('button', { name: 'Check again' }).click();
  await recruiter.getByRole('heading', { name: 'Job postings' }).waitFor();

  // Job posting: create, edit.
  await recruiter.getByRole('button', { name: 'New job posting' }).click();
  const form = recruiter.getByTestId('posting-form');
  await form.getByLabel('Title').fill('Backend Engineer (Seoul)');
  await form.getByLabel('Position').fill('Backend Developer');
  await form.getByLabel('Description').fill('APIs with FastAPI and PostgreSQL.');
  await form.getByLabel('Interview language').selectOption('en');
  await shot(recruiter, env, '13-en-posting-new');
  await checkA11y(recruiter, 'new job posting, en');
  await form.getByRole('button', { name: 'New job posting' }).click();
  await recruiter.getByRole('heading', { name: 'Edit posting' }).waitFor();
  const postingId = Number(new URL(recruiter.url()).pathname.split('/').pop());
  assert.ok(postingId > 0, 'on the posting page');
  await recruiter.getByTestId('posting-form').getByLabel('Title').fill('Backend Engineer (Seoul, 2026)');
  await recruiter.getByRole('button', { name: 'Save' }).click();
  await recruiter.getByText('Saved.').waitFor();
  await recruiter.getByRole('heading', { name: /Backend Engineer \(Seoul, 2026\)/ }).waitFor();

  // Invite by e-mail: the browser checks the addresses, the API skips a recruiter's address and says why.
  const invite = recruiter.getByTestId('invite-form');
  await invite.getByLabel('Candidate e-mail addresses').fill(`${candidate.user.email}, not-an-address`);
  await invite.getByRole('button', { name: 'Send invitations' }).click();
  await invite.getByText('These are not e-mail addresses: not-an-address').waitFor();
  await invite.getByLabel('Candidate e-mail addresses').fill(`${candidate.user.email}\n${recruiterName}@example.com`);
  await invite.getByLabel(/^Deadline/).fill('2030-05-04T10:30');
  await invite.getByRole('button', { name: 'Send invitations' }).click();
  await invite.getByText('Invitations sent: 1.').waitFor();
  await invite
    .getByTestId('skipped-item')
    .getByText(`${recruiterName}@example.com: this address belongs to a recruiter or administrator account`)
    .waitFor();
  const invitationRow = recruiter.locator(`[data-testid="invitation-row"][data-email="${candidate.user.email}"]`);
  await invitationRow.getByTestId('invitation-status').getByText('Sent', { exact: true }).waitFor(); // the e-mail went out
  await shot(recruiter, env, '14-en-posting-invited');
  await checkA11y(recruiter, 'posting detail: invitations sent, en');

  // The candidate, who has an account, opens the link of the e-mail, signs in and lands in the interview.
  const mail = await waitForMail(env.dataDir, candidate.user.email);
  assert.match(mail.subject, /invites you to interview for Backend Engineer \(Seoul, 2026\)/);
  const candidateContext = await env.newContext({ locale: 'en-US' });
  const page = await candidateContext.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(mail.link);
  await page.getByRole('heading', { name: `${organizationName} invites you to an interview: Backend Engineer (Seoul, 2026)` }).waitFor();
  await page.getByTestId('invite-deadline').getByText(/2030/).waitFor();
  await checkA11y(page, 'invite acceptance: signed out, en');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel(EN_SIGNIN.username).fill(candidate.username);
  await page.getByLabel(EN_SIGNIN.password, { exact: true }).fill(candidate.password);
  await page.getByRole('button', { name: EN_SIGNIN.submit, exact: true }).click();
  await page.getByRole('button', { name: 'Accept and go to the interview' }).waitFor();
  await checkA11y(page, 'invite acceptance: signed in, en');
  await page.getByRole('button', { name: 'Accept and go to the interview' }).click();
  await page.waitForURL(/\/interviews\/\d+\/room$/);
  const firstId = Number(new URL(page.url()).pathname.split('/')[2]);
  await page.getByTestId('room-kind').getByText('Real', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Begin interview' }).click();
  await agreeToNotice(page, 'I understand and agree');
  const { total, answered, followUps } = await answerAll(page, env, {
    answers: EN_ANSWERS,
    send: { button: 'Send answer', skip: 'Skip question' },
    shotName: '15-en-room-answer-sentiment',
    a11yLabel: 'room: answering a real interview, en',
    skip: [2],
  });
  assert.equal(answered, total - 1);
  await page.getByTestId('end-unanswered').getByText(`1 of ${total} questions are unanswered`).waitFor();
  await page.getByRole('button', { name: 'Finish interview' }).click();
  await page.getByTestId('finish-confirm').getByText(`1 of ${total} questions are unanswered`).waitFor();
  await checkA11y(page, 'room: finish confirmation, en');
  await page.getByRole('button', { name: 'Finish anyway' }).click();
  await page.getByRole('heading', { name: 'Interview report' }).waitFor();
  await waitForReport(page, env, '16-en-report-pending');
  await page.getByText('Not answered').first().waitFor();
  await page.getByTestId('report-kind').getByText('Real', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('rubric-version').count(), 0, 'rubric versions are for staff');
  // The posting does not share scores (the default): feedback only, and the review still to come.
  await page.getByTestId('scores-hidden').getByText('The company does not share scores with candidates').waitFor();
  assert.equal(await page.getByTestId('overall-score').count(), 0, 'no scores for the candidate');
  await page.getByTestId('candidate-review-line').getByText('not yet reviewed by the company’s team').waitFor();
  await shot(page, env, '17-en-candidate-report');
  await checkA11y(page, 'report (candidate, real, scores not shared), en');
  await page.getByRole('link', { name: 'Back to my interviews' }).click();
  const mine = page.locator(`[data-testid="my-interview"][data-id="${firstId}"]`);
  await mine.getByTestId('kind-badge').getByText('Real').waitFor();
  await mine.getByText('Backend Engineer (Seoul, 2026)').waitFor();

  // A second candidate on the same posting, through the API, so there is something to compare.
  const recruiterToken = await api.login(recruiterName);
  const other = await api.user('candidate');
  const { token: otherLink } = await api.invite(env, recruiterToken, postingId, other.user.email);
  const { data: accepted } = await api.call('POST', '/invitations/accept', { token: otherLink }, other.token);
  const { data: questions } = await api.call('GET', `/interviews/${accepted.interview_id}/questions`, undefined, other.token);
  await api.call('POST', `/interviews/${accepted.interview_id}/start`, undefined, other.token);
  const { data: notice } = await api.call('GET', `/interviews/${accepted.interview_id}/notice`, undefined, other.token);
  await api.call('POST', `/interviews/${accepted.interview_id}/consent`, { version: notice.version }, other.token);
  for (const [index, question] of questions.entries()) {
    await api.call('POST', '/transcripts', { interview_id: accepted.interview_id, speaker: 'User', text: EN_ANSWERS[(index + 2) % EN_ANSWERS.length], question_id: question.id }, other.token);
  }
  await api.call('POST', `/interviews/${accepted.interview_id}/complete`, undefined, other.token);

  // The API's rules for scheduling: only candidates the organization knows, one real interview unless a retake, not in the past.
  const stranger = await api.attempt('POST', '/interviews', { job_posting_id: postingId, candidate_email: 'nobody-here@example.com' }, recruiterToken);
  assert.equal(stranger.status, 404, JSON.stringify(stranger.data));
  const twice = await api.attempt('POST', '/interviews', { job_posting_id: postingId, candidate_id: other.user.id }, recruiterToken);
  assert.equal(twice.status, 409, JSON.stringify(twice.data));
  const past = await api.attempt('POST', '/interviews', { job_posting_id: postingId, candidate_id: other.user.id, retake: true, scheduled_time: '2020-01-01T00:00:00Z' }, recruiterToken);
  assert.equal(past.status, 422, JSON.stringify(past.data));

  // The recruiter: list (filtered, sorted), then the interview's transcript and report.
  await recruiter.getByRole('link', { name: 'Interviews', exact: true }).click();
  await recruiter.getByLabel('Status').selectOption('completed');
  await recruiter.getByLabel('Job posting').selectOption(String(postingId));
  await recruiter.getByLabel('Sort by').selectOption('score');
  const rows = recruiter.locator('[data-testid="interview-table"] tbody tr');
  await recruiter.waitForFunction(() => document.querySelectorAll('[data-testid="interview-table"] tbody tr').length === 2);
  assert.equal(await rows.count(), 2);
  assert.deepEqual(await recruiter.getByTestId('interview-table').getByTestId('kind-badge').allInnerTexts(), ['Real', 'Real']);
  await recruiter.getByTestId('interview-table').getByText('Dana Kim').waitFor();
  await shot(recruiter, env, '18-en-interview-list');
  await checkA11y(recruiter, 'interview list, en');
  await recruiter.getByRole('link', { name: `Open #${firstId}` }).click();
  await recruiter.getByRole('heading', { name: `Interview #${firstId}` }).waitFor();
  await recruiter.locator('.facts').getByText('Dana Kim').waitFor();
  await recruiter.getByTestId('interview-kind').getByText('Real').waitFor();
  const transcript = recruiter.getByTestId('transcript');
  await transcript.getByText(EN_ANSWERS[0]).first().waitFor();
  assert.equal(await transcript.locator('.utterance.ai').count(), total + followUps, 'every question and follow-up in the transcript');
  assert.equal(await transcript.locator('.utterance.user').count(), answered + followUps);
  await recruiter.getByTestId('sentiment-chart').locator('circle').first().waitFor();
  assert.equal(await recruiter.getByTestId('sentiment-chart').locator('circle').count(), answered + followUps);
  await waitForReport(recruiter, env, '19-en-recruiter-report-pending');
  await recruiter.getByTestId('overall-score').waitFor();
  assert.equal(await recruiter.getByTestId('rubric-version').count(), total, 'the rubric version next to each question');
  assert.match(await recruiter.getByTestId('rubric-version').first().innerText(), /^rubric v\d+$/);
  await shot(recruiter, env, '20-en-recruiter-interview-detail');
  await checkA11y(recruiter, 'interview detail with its report, en');

  // Compare the posting's candidates side by side.
  await recruiter.goto(`${env.webUrl}/recruiter/postings/${postingId}/compare`);
  await recruiter.getByTestId('compare-chart').locator('rect').first().waitFor();
  await recruiter.waitForFunction(() => document.querySelectorAll('[data-testid="compare-table"] tbody tr').length === 2);
  await recruiter.locator('[data-testid="compare-table"] td.best').first().waitFor();
  await recruiter.getByTestId('compare-table').getByRole('link', { name: /Dana Kim/ }).waitFor();
  await shot(recruiter, env, '21-en-compare');
  await checkA11y(recruiter, 'compare candidates, en');

  // The invitations now say accepted, with the interview; close the posting.
  await recruiter.goto(`${env.webUrl}/recruiter/postings/${postingId}`);
  await invitationRow.getByTestId('invitation-status').getByText('Accepted').waitFor();
  await invitationRow.getByRole('link', { name: `Open interview #${firstId}` }).waitFor();
  await recruiter.getByRole('button', { name: 'Close posting' }).click();
  await recruiter.getByRole('button', { name: 'Reopen posting' }).waitFor();
  await recruiter.getByText('This posting is closed').waitFor();
  await shot(recruiter, env, '22-en-posting-closed');
  await checkA11y(recruiter, 'posting detail: closed, en');
});

test('recruiter reviews an AI report: pending review with the offline evaluator warning, overrides the overall score with a reason, sees it beside the AI score, and finds it in the audit trail', slug('review'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const owner = await api.recruiter(env, unique('rev'), 'Rhee Reviewer', `Review Co ${unique('org')}`);
  const { data: posting } = await api.call('POST', '/job-postings', { title: 'Platform Engineer', position: 'Backend Developer', language: 'en' }, owner.token);
  assert.equal(posting.ai_scoring, true, 'AI scoring is on by default');
  assert.equal(posting.candidates_see_scores, false, 'scores are not shared by default');

  // A candidate invited to the posting answers every question (through the API) and finishes.
  const candidate = await api.user('candidate', unique('jun'), 'Jun Park');
  const { token: link } = await api.invite(env, owner.token, posting.id, candidate.user.email);
  const { data: accepted } = await api.call('POST', '/invitations/accept', { token: link }, candidate.token);
  const interviewId = accepted.interview_id;
  const { data: questions } = await api.call('GET', `/interviews/${interviewId}/questions`, undefined, candidate.token);
  await api.call('POST', `/interviews/${interviewId}/start`, undefined, candidate.token);
  const { data: notice } = await api.call('GET', `/interviews/${interviewId}/notice`, undefined, candidate.token);
  await api.call('POST', `/interviews/${interviewId}/consent`, { version: notice.version }, candidate.token);
  for (const [index, question] of questions.entries()) {
    await api.call('POST', '/transcripts', { interview_id: interviewId, speaker: 'User', text: EN_ANSWERS[index % EN_ANSWERS.length], question_id: question.id }, candidate.token);
  }
  await api.call('POST', `/interviews/${interviewId}/complete`, undefined, candidate.token);

  // The owner opens the interview: the report is AI-assisted, pending review, and the offline evaluator wrote it.
  const page = await (await env.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, env, owner.username, owner.password, EN_SIGNIN);
  await page.getByRole('heading', { name: 'Interviews' }).waitFor();
  await page.goto(`${env.webUrl}/recruiter/interviews/${interviewId}`);
  await page.getByRole('heading', { name: `Interview #${interviewId}` }).waitFor();
  await waitForReport(page, env, 'review-01-report-pending');
  const panel = page.getByTestId('review-panel');
  await panel.getByTestId('ai-assisted').getByText('AI-assisted', { exact: true }).waitFor();
  await panel.getByTestId('review-state').getByText('Pending review', { exact: true }).waitFor();
  const warning = panel.getByTestId('needs-human-review');
  await warning.getByText('This report needs a human review').waitFor();
  await warning.getByText(/written by the offline evaluator, without a language model/).waitFor();
  assert.ok((await warning.getAttribute('data-reason')).split(' ').includes('offline'), 'the offline evaluator named as the reason');
  await page.getByTestId('interview-overall').getByTestId('review-marker').getByText('Needs review').waitFor();
  const { data: before } = await api.call('GET', `/interviews/${interviewId}/report`, undefined, owner.token);
  assert.equal(before.view, 'staff');
  assert.equal(before.review.state, 'pending_review');
  assert.equal(before.review.can_review, true);
  const aiOverall = before.final_scores.overall;
  assert.equal(typeof aiOverall, 'number', 'the AI scored it');
  const shown = (value) => (Math.round(value * 10) / 10).toString();
  const overall = page.getByTestId('overall-score');
  assert.equal(await overall.getByTestId('final-score').innerText(), shown(aiOverall));
  assert.equal(await overall.getByTestId('ai-original').count(), 0, 'nothing beside the AI score before an override');
  await shot(page, env, 'review-02-pending-review');
  await checkA11y(page, 'interview detail: pending review, en');

  // Override the overall score: the form asks for a reason first.
  const newScore = aiOverall >= 50 ? Math.round(aiOverall) - 12 : Math.round(aiOverall) + 12;
  await overall.getByRole('button', { name: 'Override score: Overall score' }).click();
  const form = page.getByRole('form', { name: 'Override: Overall score' });
  await form.getByLabel('New score (0–100)').fill(String(newScore));
  await form.getByRole('button', { name: 'Save score' }).click();
  await form.getByText('Give a reason of at least 3 characters.').waitFor();
  await checkA11y(page, 'interview detail: override form with its error, en');
  const reason = `Checked against the transcript (${unique('r')}): the examples are weaker than the evaluator counted.`;
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Save score' }).click();
  await page.getByText(`Overall score is now ${newScore}.`).waitFor();
  await overall.getByTestId('final-score').getByText(String(newScore), { exact: true }).waitFor();
  const original = overall.getByTestId('ai-original');
  await original.getByText(`AI: ${shown(aiOverall)}`, { exact: true }).waitFor();
  assert.equal(await original.locator('summary').getAttribute('title'), reason, 'the reason on hover');
  await original.locator('summary').click();
  await original.getByText(reason).waitFor(); // and on expanding
  const history = page.getByTestId('override-history').getByTestId('override-item');
  assert.equal(await history.count(), 1);
  await history.first().getByText(reason).waitFor();
  await history.first().getByText(new RegExp(`by ${owner.username}`)).waitFor();
  await page.getByTestId('interview-overall').getByText(String(newScore)).waitFor(); // the interview's overall is the decision
  await checkA11y(page, 'interview detail: score overridden, en');
  await page.getByTestId('report').screenshot({ path: join(env.artifacts, 'override.png') });
  env.log('  screenshot test-artifacts/override.png');
  const { data: after } = await api.call('GET', `/interviews/${interviewId}/report`, undefined, owner.token);
  assert.equal(after.final_scores.overall, newScore);
  assert.equal(after.overall_score, before.overall_score, 'the AI original is kept');
  assert.equal(after.overrides.length, 1);
  assert.equal(after.overrides[0].reason, reason);

  // The override in the audit trail, in words.
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  await page.getByLabel('Action').selectOption('report.score_overridden');
  const event = page.locator('[data-testid="audit-row"][data-action="report.score_overridden"]').filter({ hasText: reason });
  await event.getByText('Score overridden', { exact: true }).waitFor();
  const summary = event.getByTestId('override-summary');
  await summary.getByText('Overall score').waitFor();
  await summary.getByText(`AI: ${shown(aiOverall)}`).waitFor();
  assert.equal(await summary.locator('ins').innerText(), String(newScore), 'AI score → new score');
  await event.getByText(new RegExp(`by ${owner.username}`)).waitFor();
  await shot(page, env, 'review-03-audit-override');
  await checkA11y(page, 'audit trail: score overridden, en');

  // Mark it reviewed; on a phone the report fits the screen.
  await page.goto(`${env.webUrl}/recruiter/interviews/${interviewId}`);
  const reviewForm = page.getByTestId('review-form');
  await reviewForm.getByLabel(/^Note with the review/).fill('Score decided after reading the transcript.');
  await reviewForm.getByRole('button', { name: 'Mark reviewed' }).click();
  await page.getByTestId('review-state').getByText(new RegExp(`^Reviewed by ${owner.username}, `)).waitFor();
  await reviewForm.getByRole('button', { name: 'Reopen review' }).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await assertNoSidewaysScroll(page, 'the reviewed report');
  await page.getByTestId('review-panel').evaluate((element) => element.scrollIntoView());
  await shot(page, env, 'review-04-reviewed-phone', { fullPage: false });
  await checkA11y(page, 'interview detail: reviewed, en, phone');
});

test('recruiter invites a candidate by e-mail; the e-mail is caught locally and its link used in Chromium', slug('invite'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const ownerName = unique('own');
  const organizationName = `한빛 채용팀 ${ownerName}`;
  const owner = await api.recruiter(env, ownerName, '박지성', organizationName);
  const { data: posting } = await api.call('POST', '/job-postings', { title: '백엔드 개발자 (판교)', position: 'Backend Developer', language: 'ko' }, owner.token);

  // The owner invites two addresses in the UI, in Korean.
  const recruiter = await (await env.newContext({ locale: 'ko-KR' })).newPage();
  await signIn(recruiter, env, owner.username, owner.password, KO_SIGNIN);
  await recruiter.getByRole('heading', { name: '면접 목록' }).waitFor();
  await recruiter.goto(`${env.webUrl}/recruiter/postings/${posting.id}`);
  const email = `${unique('minji')}@example.org`;
  const second = `${unique('hoyoung')}@example.org`;
  const form = recruiter.getByTestId('invite-form');
  await form.getByLabel('지원자 이메일 주소').fill(`${email}\n${second}`);
  await form.getByRole('button', { name: '초대 보내기' }).click();
  await form.getByText('초대를 보냈습니다: 2건.').waitFor();
  const row = recruiter.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
  const secondRow = recruiter.locator(`[data-testid="invitation-row"][data-email="${second}"]`);
  await row.getByTestId('invitation-status').getByText('발송됨', { exact: true }).waitFor();
  await secondRow.getByTestId('invitation-status').getByText('발송됨', { exact: true }).waitFor();
  await shot(recruiter, env, '70-ko-posting-invitations-sent');
  await checkA11y(recruiter, 'posting detail: invitations sent, ko');

  // The e-mail the local SMTP server caught, and its link opened in a fresh browser (a phone).
  const mail = await waitForMail(env.dataDir, email);
  assert.match(mail.subject, /백엔드 개발자 \(판교\) 면접에 초대합니다/);
  env.log(`  e-mail ${mail.file} to ${mail.to}: ${mail.link}`);
  const candidateContext = await env.newContext({ ...PHONE, locale: 'en-US' });
  const page = await candidateContext.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(mail.link);
  await page.getByRole('heading', { name: `${organizationName} invites you to an interview: 백엔드 개발자 (판교)` }).waitFor();
  assert.equal(await page.getByTestId('invite-email').innerText(), email);
  assert.equal(await page.getByLabel('Email').inputValue(), email);
  await assertNoSidewaysScroll(page, 'the invitation page');
  await shot(page, env, '71-en-invite-phone');
  await checkA11y(page, 'invite acceptance: sign up, en, phone');

  // Signing up there (the address fixed, the role the invitation's) lands in the interview room.
  const username = unique('minji');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill('pass-phrase-42');
  await page.getByLabel(/^Full name/).fill('Minji Lee');
  await page.getByRole('button', { name: 'Create account and accept' }).click();
  await page.waitForURL(/\/interviews\/\d+\/room$/);
  const interviewId = Number(new URL(page.url()).pathname.split('/')[2]);
  const kind = page.getByTestId('room-kind');
  await kind.getByText('Real', { exact: true }).waitFor();
  await kind.getByText('백엔드 개발자 (판교)').waitFor();
  await page.getByRole('button', { name: 'Begin interview' }).click();
  await assertNoSidewaysScroll(page, 'the AI notice');
  await agreeToNotice(page, 'I understand and agree');
  await assertNoSidewaysScroll(page, 'the interview room');
  const { total, followUps } = await answerAll(page, env, {
    answers: KO_ANSWERS,
    send: { button: 'Send answer', skip: 'Skip question' },
    shotName: '72-en-room-real-phone',
    a11yLabel: 'room: answering a real interview, en, phone',
  });
  await page.getByRole('button', { name: 'Finish interview' }).click();
  await page.getByRole('heading', { name: 'Interview report' }).waitFor();
  await waitForReport(page, env, '73-en-report-pending-phone');

  // The same candidate practises for the posting: a practice interview, theirs alone.
  await page.getByRole('link', { name: 'Back to my interviews' }).click();
  await page.getByRole('button', { name: 'Practice for this posting' }).first().waitFor();
  const practiceButton = page.locator('li', { hasText: '백엔드 개발자 (판교)' }).getByRole('button', { name: 'Practice for this posting' });
  await practiceButton.click();
  await page.waitForURL((url) => /\/interviews\/\d+\/room$/.test(url.pathname) && !url.pathname.includes(`/${interviewId}/`));
  const practiceId = Number(new URL(page.url()).pathname.split('/')[2]);
  await page.getByTestId('room-kind').getByText('Practice', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Begin interview' }).click();
  await agreeToNotice(page, 'I understand and agree');
  await page.locator('#answer').fill(KO_ANSWERS[1]);
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.locator('[data-testid="progress"][data-answered="1"]').waitFor();
  await page.getByRole('link', { name: 'My interviews' }).click();
  await page.locator(`[data-testid="my-interview"][data-id="${practiceId}"][data-kind="practice"]`).getByText('Practice').waitFor();
  await page.locator(`[data-testid="my-interview"][data-id="${interviewId}"][data-kind="real"]`).getByText('백엔드 개발자 (판교)').waitFor();
  await assertNoSidewaysScroll(page, 'the candidate home');
  await shot(page, env, '74-en-candidate-practice-and-real-phone');
  await checkA11y(page, 'candidate home: practice and real, en, phone');

  // The recruiter sees the real interview, labelled real, with its transcript; never the practice one.
  await recruiter.reload();
  await row.getByTestId('invitation-status').getByText('수락됨').waitFor();
  await row.getByRole('link', { name: `면접 #${interviewId} 열기` }).click();
  await recruiter.getByRole('heading', { name: `면접 #${interviewId}` }).waitFor();
  await recruiter.getByTestId('interview-kind').getByText('실전').waitFor();
  await recruiter.locator('.facts').getByText('Minji Lee').waitFor();
  const transcript = recruiter.getByTestId('transcript');
  await transcript.getByText(KO_ANSWERS[0]).first().waitFor();
  assert.equal(await transcript.locator('.utterance.user').count(), total + followUps);
  await waitForReport(recruiter, env, '75-ko-recruiter-report-pending');
  await recruiter.getByTestId('rubric-version').first().getByText(/^평가 기준 v\d+$/).waitFor();
  await shot(recruiter, env, '76-ko-recruiter-real-interview');
  await checkA11y(recruiter, 'interview detail: real interview, ko');
  await recruiter.getByRole('link', { name: '면접 목록' }).click();
  await recruiter.getByRole('link', { name: `열기 #${interviewId}` }).waitFor();
  await checkA11y(recruiter, 'interview list, ko');
  assert.equal(await recruiter.getByRole('link', { name: `열기 #${practiceId}` }).count(), 0, 'the practice interview is not listed');
  assert.deepEqual(await recruiter.getByTestId('interview-table').getByTestId('kind-badge').allInnerTexts(), ['실전']);
  const { data: listed } = await api.call('GET', '/interviews?limit=500', undefined, owner.token);
  assert.deepEqual(listed.map((item) => item.id), [interviewId]);
  assert.equal((await api.attempt('GET', `/interviews/${practiceId}`, undefined, owner.token)).status, 404);
  assert.deepEqual((await api.call('GET', '/interviews?kind=practice', undefined, owner.token)).data, []);
  await recruiter.goto(`${env.webUrl}/recruiter/interviews/${practiceId}`);
  await recruiter.getByTestId('not-found').waitFor();

  // Resend the second invitation: a new e-mail with a new link, the old one dead; then revoke it.
  const first = await waitForMail(env.dataDir, second);
  await recruiter.goto(`${env.webUrl}/recruiter/postings/${posting.id}`);
  await secondRow.getByRole('button', { name: `${second}에 초대 다시 보내기` }).click();
  await secondRow.getByText('새 링크를 보냈습니다').waitFor();
  const again = await waitForMail(env.dataDir, second, { seen: new Set([first.file]) });
  assert.notEqual(again.link, first.link);
  const other = await (await env.newContext({ locale: 'en-US' })).newPage();
  await other.goto(first.link);
  await other.getByRole('heading', { name: 'This invitation link is not valid' }).waitFor();
  await shot(other, env, '77-en-invite-replaced-link');
  await checkA11y(other, 'invite acceptance: link not valid, en');
  await secondRow.getByTestId('invitation-status').getByText('발송됨', { exact: true }).waitFor();
  await secondRow.getByRole('button', { name: `${second} 초대 취소` }).click();
  await secondRow.getByTestId('invitation-status').getByText('취소됨').waitFor();
  const korean = await (await env.newContext({ ...PHONE, locale: 'ko-KR' })).newPage();
  await korean.goto(again.link);
  await korean.getByRole('heading', { name: '취소된 초대입니다' }).waitFor();
  await shot(korean, env, '78-ko-invite-withdrawn-phone');
  await checkA11y(korean, 'invite acceptance: withdrawn, ko, phone');
  // The posting's invitations on a phone.
  await recruiter.setViewportSize({ width: 390, height: 844 });
  await secondRow.getByRole('button', { name: `${second}에 초대 다시 보내기` }).waitFor();
  await assertNoSidewaysScroll(recruiter, 'the posting page');
  await shot(recruiter, env, '78b-ko-posting-invitations-phone');
  await checkA11y(recruiter, 'posting detail: invitations, ko, phone');
  await recruiter.setViewportSize({ width: 1280, height: 860 });

  // The owner's audit trail has the invitation's creation and acceptance (API and page).
  const { data: invitations } = await api.call('GET', `/invitations?job_posting_id=${posting.id}`, undefined, owner.token);
  const invitation = invitations.find((item) => item.email === email);
  assert.equal(invitation.status, 'accepted');
  assert.equal(invitation.interview_id, interviewId);
  const { data: trail } = await api.call('GET', `/audit-events?target_type=invitation&target_id=${invitation.id}`, undefined, owner.token);
  const actions = trail.map((event) => event.action);
  assert.ok(actions.includes('invitation.created') && actions.includes('invitation.accepted'), actions.join(', '));
  assert.equal(trail.find((event) => event.action === 'invitation.accepted').actor_username, username);
  await recruiter.getByRole('link', { name: '감사 기록' }).click();
  await recruiter.getByRole('heading', { name: '감사 기록' }).waitFor();
  await recruiter.getByLabel('대상', { exact: true }).selectOption('invitation');
  await recruiter.getByLabel('대상 번호').fill(String(invitation.id));
  await recruiter.locator(`[data-testid="audit-row"][data-action="invitation.accepted"][data-target-id="${invitation.id}"]`).waitFor();
  await recruiter.locator(`[data-testid="audit-row"][data-action="invitation.created"][data-target-id="${invitation.id}"]`).waitFor();
  await shot(recruiter, env, '79-ko-audit-trail');
  await checkA11y(recruiter, 'audit trail: invitation, ko');
  await recruiter.setViewportSize({ width: 390, height: 844 });
  await assertNoSidewaysScroll(recruiter, 'the audit trail');
  await checkA11y(recruiter, 'audit trail, ko, phone');
});

test('voice: a candidate answers by speaking (live speech-to-text through the fake Deepgram), in Korean and in English', slug('voice'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const cases = [
    {
      language: 'ko',
      context: { ...PHONE, locale: 'ko-KR' },
      signIn: { username: '아이디 또는 이메일', password: '비밀번호', submit: '로그인' },
      labels: { agree: '이해했으며 동의합니다', start: '음성으로 답변하기', stop: '멈추고 확인하기', pause: '일시 정지', resume: '계속', send: '답변 보내기', done: '말한 답변이 답변 칸에 들어갔습니다' },
      shots: ['60-ko-voice-partial-phone', '61-ko-voice-review-phone'],
      a11y: ['room: speaking, ko, phone', 'room: spoken answer to check, ko, phone'],
    },
    {
      language: 'en',
      context: { locale: 'en-US' },
      signIn: EN_SIGNIN,
      labels: { agree: 'I understand and agree', start: 'Answer by voice', stop: 'Stop and review', pause: 'Pause', resume: 'Resume', send: 'Send answer', done: 'Your spoken answer is in the answer box' },
      shots: ['62-en-voice-partial', '63-en-voice-review'],
      a11y: ['room: speaking, en', 'room: spoken answer to check, en'],
      pause: true, // and the candidate edits the text before sending
      expireToken: true,
    },
  ];
  for (const item of cases) {
    const candidate = await api.user('candidate');
    const { data: interview } = await api.call('POST', '/interviews', { position: 'Backend Developer', language: item.language }, candidate.token);
    await api.call('POST', `/interviews/${interview.id}/start`, undefined, candidate.token);
    const context = await env.newContext({ ...item.context, permissions: ['microphone'] });
    const page = await context.newPage();
    await signIn(page, env, candidate.username, candidate.password, item.signIn);
    await page.waitForURL((url) => url.pathname !== '/signin');
    await page.goto(`${env.webUrl}/interviews/${interview.id}/room`);
    await agreeToNotice(page, item.labels.agree);
    await page.getByRole('button', { name: item.labels.start }).waitFor(); // the API granted a token
    const sessionsBefore = env.deepgram.sessions.length;
    const grantsBefore = env.deepgram.grants.length;
    const refusalsBefore = env.deepgram.refusals.length;
    // The token the room got on opening has expired (as after a long think): refused, renewed.
    if (item.expireToken) env.deepgram.expireTokens();

    // Speaking: interim text while the words come in, the finished stretch of speech kept.
    await page.getByRole('button', { name: item.labels.start }).click();
    const interim = page.getByTestId('voice-interim');
    await interim.waitFor();
    assert.ok((await interim.innerText()).length > 0, 'partial text shown while speaking');
    await page.getByTestId('voice-final').waitFor(); // the first stretch was finalised
    await page.waitForFunction(() => document.querySelector('[data-testid="voice-interim"]')?.textContent?.trim());
    await shot(page, env, item.shots[0], { fullPage: false });
    await checkA11y(page, item.a11y[0]);
    const expected = scriptText(item.language);
    await page.waitForFunction((text) => document.querySelector('[data-testid="voice-transcript"]')?.textContent?.replace(/\s+/g, ' ').trim() === text, expected);
    assert.equal(await page.locator('#answer').inputValue(), '', 'nothing in the answer box before stopping');
    assert.ok(await page.getByRole('button', { name: item.labels.send }).isDisabled(), 'no sending while recording');
    const session = env.deepgram.sessions.at(-1);
    assert.equal(env.deepgram.sessions.length, sessionsBefore + 1, 'one connection to Deepgram');
    if (item.expireToken) {
      assert.deepEqual(env.deepgram.refusals.slice(refusalsBefore).map((refusal) => refusal.message), ['Expired token.']);
      assert.equal(env.deepgram.grants.length, grantsBefore + 1, 'a new token was granted through the API');
    }

    if (item.pause) {
      // Paused: no audio, but KeepAlive messages keep the connection open.
      await page.getByRole('button', { name: item.labels.pause }).click();
      await page.getByRole('button', { name: item.labels.resume }).waitFor();
      const deadline = Date.now() + 8_000;
      while (session.keepAlives === 0 && Date.now() < deadline) await page.waitForTimeout(250);
      assert.ok(session.keepAlives >= 1, 'KeepAlive sent while paused');
      await page.getByRole('button', { name: item.labels.resume }).click();
    }

    // Stop: CloseStream, the last stretch finalised, the text in the answer box to check.
    await page.getByRole('button', { name: item.labels.stop }).click();
    await page.getByText(item.labels.done).waitFor();
    assert.equal(await page.locator('#answer').inputValue(), expected);
    assert.equal(session.closeStream, true, 'CloseStream sent');
    assert.deepEqual(session.closed, { code: 1000, reason: '' });
    assert.equal(session.auth, 'bearer', 'authenticated with the granted token');
    assert.equal(session.protocol, 'bearer');
    assert.equal(session.webm, true, 'WebM audio from MediaRecorder');
    assert.ok(session.frames >= 5, `audio streamed in slices (${session.frames})`);
    assert.deepEqual(
      { ...session.params },
      { model: 'nova-3', language: item.language, interim_results: 'true', smart_format: 'true', punctuate: 'true', endpointing: '300' },
    );
    await shot(page, env, item.shots[1], { fullPage: false });
    await checkA11y(page, item.a11y[1]);

    let answer = expected;
    if (item.pause) {
      answer = `${expected} I would also add a cache.`;
      await page.locator('#answer').fill(answer);
    }
    await page.getByRole('button', { name: item.labels.send }).click();
    await page.locator('[data-testid="progress"][data-answered="1"]').waitFor();
    const { data: saved } = await api.call('GET', `/interviews/${interview.id}/transcripts`, undefined, candidate.token);
    const spoken = saved.filter((transcript) => transcript.speaker === 'User');
    assert.equal(spoken.length, 1);
    assert.equal(spoken[0].text, answer);
    assert.equal(spoken[0].question_id, interview.questions[0].id);
    env.log(`  ${item.language}: ${session.frames} audio frames, ${session.keepAlives} keep-alives, saved "${answer.slice(0, 40)}…"`);
    await context.close();
  }
});

test('voice: on a server without a Deepgram key the room offers typing only, with no configuration message, and typing works', slug('voice-off'), async ({ env, noSpeechPlatform: plain }) => {
  const api = apiClient(plain.apiUrl);
  const candidate = await api.user('candidate');
  const { data: interview } = await api.call('POST', '/interviews', { position: 'Backend Developer', language: 'ko' }, candidate.token);
  await api.call('POST', `/interviews/${interview.id}/start`, undefined, candidate.token);
  const { data: stt } = await api.call('POST', '/stt/token', { interview_id: interview.id }, candidate.token);
  assert.equal(stt.available, false);
  const context = await env.newContext({ ...PHONE, locale: 'ko-KR', permissions: ['microphone'] });
  const page = await context.newPage();
  await signIn(page, { ...env, webUrl: plain.webUrl }, candidate.username, candidate.password, { username: '아이디 또는 이메일', password: '비밀번호', submit: '로그인' });
  await page.waitForURL((url) => url.pathname !== '/signin');
  await page.goto(`${plain.webUrl}/interviews/${interview.id}/room`);
  await agreeToNotice(page, '이해했으며 동의합니다');
  await page.locator('#answer').waitFor();
  assert.equal(await page.getByRole('button', { name: '음성으로 답변하기' }).count(), 0, 'no microphone button');
  assert.equal(await page.getByTestId('voice-unavailable').count(), 0, 'voice is simply not offered');
  if (stt.reason) assert.equal(await page.getByText(stt.reason).count(), 0, 'no configuration message for the candidate');
  assert.equal(await page.getByText(/DEEPGRAM/).count(), 0, 'no configuration message for the candidate');
  await page.locator('#answer').fill(KO_ANSWERS[0]);
  await shot(page, env, '64-ko-voice-unavailable-phone', { fullPage: false });
  await checkA11y(page, 'room: typed answers only, ko, phone');
  await page.getByRole('button', { name: '답변 보내기' }).click();
  await page.locator('[data-testid="progress"][data-answered="1"]').waitFor();
});

test('recruiter creates a question with its rubric, edits it into a new version, finds it with filters and retires it; curated questions are read-only', slug('questions'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const recruiter = await api.recruiter(env);
  const context = await env.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, env, recruiter.username, recruiter.password, EN_SIGNIN);
  await page.getByRole('heading', { name: 'Interviews' }).waitFor();

  // The bank lists the seeded questions with their usage.
  await page.getByRole('link', { name: 'Question bank' }).click();
  await page.getByRole('heading', { name: 'Question bank' }).waitFor();
  await page.getByTestId('question-item').first().waitFor();
  assert.ok((await page.getByTestId('question-item').count()) > 1, 'seeded questions listed');
  // The curated bank is the platform's: shown with its owner, read-only, saying why.
  const bankFilters = page.getByTestId('question-bank');
  await bankFilters.getByLabel('Owner').selectOption('platform');
  await page.waitForURL(/owner=platform/);
  const curated = page.getByTestId('question-item').first();
  await curated.getByTestId('owner-badge').getByText('Curated (platform)').waitFor();
  await curated.getByTestId('read-only-reason').getByText('Curated by the platform: only its administrators edit it.').waitFor();
  assert.equal(await curated.getByRole('button', { name: 'Retire' }).count(), 0, 'no retire button on a curated question');
  await shot(page, env, '23-en-question-bank-curated');
  await checkA11y(page, 'question bank: curated, en');
  const curatedId = Number(await curated.getAttribute('data-id'));
  const refused = await api.attempt('PATCH', `/questions/${curatedId}`, { is_active: false }, recruiter.token);
  assert.equal(refused.status, 403, 'the API refuses it too');
  await curated.getByRole('link', { name: `View #${curatedId}` }).click();
  await page.getByTestId('question-read-only').waitFor();
  await page.getByTestId('version-history').getByTestId('version-item').first().waitFor();
  await checkA11y(page, 'question page: curated, read-only, en');
  assert.equal(await page.getByTestId('question-form').count(), 0);
  await page.getByRole('link', { name: 'Back to the question bank' }).click();
  await bankFilters.getByLabel('Owner').selectOption('');

  // A new question with a two-criteria rubric; the form first says what is missing.
  await page.getByRole('link', { name: 'New question' }).click();
  const form = page.getByTestId('question-form');
  await form.getByRole('button', { name: 'Create question' }).click();
  await form.getByText('Write the question.').waitFor();
  await form.getByText('Name the criterion.').waitFor();
  await checkA11y(page, 'question form: what is missing, en');
  const token = unique('zq');
  const content = `How would you paginate a table of ten million rows for a public API? (${token})`;
  await form.getByLabel('Question', { exact: true }).fill(content);
  await form.getByLabel('Category').selectOption('technical');
  await form.getByLabel('Difficulty').selectOption('hard');
  await form.getByLabel('Language').selectOption('en');
  await form.getByLabel(/^Position/).fill('Backend Developer');
  const first = form.getByRole('group', { name: 'Criterion 1' });
  await first.getByLabel('Name').fill('pagination');
  await first.getByLabel('Description').fill('Chooses cursor pagination and explains why');
  await first.getByLabel('Weight').fill('0.6');
  await first.getByLabel('Keywords').fill('cursor, keyset, offset, index');
  await form.getByRole('button', { name: 'Add criterion' }).click();
  const second = form.getByRole('group', { name: 'Criterion 2' });
  await second.getByLabel('Name').fill('consistency');
  await second.getByLabel('Description').fill('Keeps pages stable while rows are inserted');
  await second.getByLabel('Weight').fill('0.4');
  await second.getByLabel('Keywords').fill('stable sort, snapshot');
  await first.getByText('counts for 60%').waitFor();
  await form.getByLabel('Expected points').fill('A stable sort key with a unique tie-breaker\nA next cursor returned with each page');
  await shot(page, env, '24-en-question-new');
  await checkA11y(page, 'question form: new, en');
  await form.getByRole('button', { name: 'Create question' }).click();
  await page.getByText('Question created.').waitFor();
  const questionId = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(questionId > 0, 'on the question page');
  await page.getByRole('heading', { name: `Question #${questionId}` }).waitFor();
  assert.equal(await page.getByTestId('usage-count').innerText(), '0');
  await page.getByTestId('current-version').getByText('v1').waitFor();
  await shot(page, env, '25-en-question-created');
  await checkA11y(page, 'question page: created, en');
  // Changing the wording makes version 2; both are in its history.
  await page.getByTestId('question-form').getByLabel('Question', { exact: true }).fill(`${content} Explain the trade-offs.`);
  await page.getByTestId('question-form').getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByTestId('current-version').getByText('v2').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="version-item"]').length === 2);
  await page.locator('[data-testid="version-item"][data-version="1"]').getByText('v1', { exact: true }).click(); // open the old version
  await page.locator('[data-testid="version-item"][data-version="1"]').getByText(content, { exact: true }).waitFor();
  await shot(page, env, '25b-en-question-versions');
  await checkA11y(page, 'question page: version history, en');
  const { data: saved } = await api.call('GET', `/questions/${questionId}`, undefined, recruiter.token);
  assert.deepEqual(saved.rubric_json.criteria.map((c) => [c.name, c.weight, c.keywords.length]), [['pagination', 0.6, 4], ['consistency', 0.4, 2]]);
  assert.equal(saved.owner, 'organization');
  assert.equal(saved.version, 2);
  assert.equal(saved.rubric_json.expected_points.length, 2);
  assert.equal(saved.position, 'Backend Developer');

  // Found again with the filters (kept in the URL), then retired from the list.
  await page.getByRole('link', { name: 'Back to the question bank' }).click();
  const bank = page.getByTestId('question-bank');
  await bank.getByLabel('Owner').selectOption('organization');
  await bank.getByLabel('Category').selectOption('technical');
  await bank.getByLabel('Difficulty').selectOption('hard');
  await bank.getByLabel('Language').selectOption('en');
  await bank.getByLabel('Search the text').fill(token);
  await page.waitForURL(new RegExp(`q=${token}`)); // the text filter is applied once typing pauses
  await page.waitForFunction(
    (id) => {
      const items = document.querySelectorAll('[data-testid="question-item"]');
      return items.length === 1 && items[0].getAttribute('data-id') === String(id);
    },
    questionId,
  );
  assert.match(page.url(), new RegExp(`q=${token}`));
  assert.match(page.url(), /category=technical/);
  assert.match(page.url(), /owner=organization/);
  await shot(page, env, '26-en-question-bank-filtered');
  await checkA11y(page, 'question bank: filtered, en');
  const item = page.locator(`[data-testid="question-item"][data-id="${questionId}"]`);
  await item.getByRole('button', { name: 'Retire' }).click();
  await page.getByText(`Question #${questionId} retired`).waitFor();
  await item.getByText('Retired', { exact: true }).waitFor();
  await item.getByRole('button', { name: 'Reactivate' }).waitFor();
  await bank.getByLabel('Status').selectOption('true');
  await page.getByText('No questions match these filters.').waitFor();
  await bank.getByLabel('Status').selectOption('false');
  await item.waitFor();
  await shot(page, env, '27-en-question-retired');
  await checkA11y(page, 'question bank: retired, en');
  const { data: retired } = await api.call('GET', `/questions/${questionId}`, undefined, recruiter.token);
  assert.equal(retired.is_active, false);

  // The same screen in Korean.
  await page.getByTestId('language-select').selectOption('ko');
  await page.getByRole('heading', { name: '질문 은행' }).waitFor();
  await item.getByText('사용 중지', { exact: true }).first().waitFor();
  await shot(page, env, '28-ko-question-bank-retired');
  await checkA11y(page, 'question bank: retired, ko');
  await page.setViewportSize({ width: 390, height: 844 });
  await item.getByRole('link', { name: `수정 #${questionId}` }).click();
  await page.getByRole('heading', { name: `질문 #${questionId}` }).waitFor();
  await page.getByRole('group', { name: '기준 2' }).waitFor();
  await page.getByTestId('version-history').getByText('v2').first().waitFor();
  await assertNoSidewaysScroll(page, 'the question page');
  await shot(page, env, '29-ko-question-edit-phone');
  await checkA11y(page, 'question form: edit, ko, phone');

  // Candidates may not use the bank.
  const candidate = await api.user('candidate');
  const forbidden = await fetch(`${env.apiUrl}/questions`, { headers: { Authorization: `Bearer ${candidate.token}` } });
  assert.equal(forbidden.status, 403);
});

test('admin finds a user, makes them a recruiter of an organization, cannot drop their own admin role, and reads the audit trail', slug('admin'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const member = await api.user('candidate', unique('mina'), 'Mina Park');
  const organizationName = `Northwind ${unique('org')}`;
  await api.recruiter(env, unique('nwo'), 'Nora Owner', organizationName);
  const context = await env.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, env, env.admin.username, env.admin.password, EN_SIGNIN);
  await page.getByRole('heading', { name: 'Interviews' }).waitFor();
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
  await page.getByLabel('Role', { exact: true }).selectOption('candidate');
  await page.getByLabel('Search username, e-mail or name').fill(member.username);
  await page.waitForURL(new RegExp(`q=${member.username}`));
  const row = page.locator(`[data-testid="user-row"][data-username="${member.username}"]`);
  await row.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 1);
  await shot(page, env, '50-en-admin-users');
  await checkA11y(page, 'admin users, en');

  // A recruiter belongs to an organization: the admin picks which.
  await row.getByLabel('Role of Mina Park').selectOption('recruiter');
  await row.getByRole('button', { name: 'Change role: Mina Park' }).click();
  await row.getByRole('alert').getByText('Choose the organization this recruiter joins.').waitFor();
  await checkA11y(page, 'admin users: organization to join, en');
  await row.getByLabel('Organization for Mina Park').selectOption({ label: organizationName });
  await row.getByRole('button', { name: 'Change role: Mina Park' }).click();
  await page.getByText(`Mina Park is now: Recruiter of ${organizationName}.`).waitFor();
  await row.waitFor({ state: 'detached' }); // no longer a candidate
  await page.getByLabel('Role', { exact: true }).selectOption('recruiter');
  await row.waitFor();
  assert.equal(await row.getByLabel('Role of Mina Park').inputValue(), 'recruiter');
  await row.getByText(organizationName).waitFor();
  const { data: me } = await api.call('GET', '/me', undefined, member.token);
  assert.equal(me.role, 'recruiter');
  assert.equal(me.organization.name, organizationName);
  assert.equal(me.organization.role, 'member');
  await shot(page, env, '51-en-admin-role-changed');
  await checkA11y(page, 'admin users: role changed, en');

  // Dropping one's own admin role is refused (409) and explained.
  await page.getByLabel('Search username, e-mail or name').fill('');
  await page.getByLabel('Role', { exact: true }).selectOption('admin');
  const own = page.locator(`[data-testid="user-row"][data-username="${env.admin.username}"]`);
  await own.getByText('(you)').waitFor();
  await own.getByLabel('Role of Ada Admin').selectOption('candidate');
  await own.getByRole('button', { name: 'Change role: Ada Admin' }).click();
  await own.getByRole('alert').getByText('You cannot remove your own administrator role').waitFor();
  assert.equal(await own.getByLabel('Role of Ada Admin').inputValue(), 'admin');
  await shot(page, env, '52-en-admin-own-role-refused');
  await checkA11y(page, 'admin users: own role refused, en');

  // The audit trail names the change.
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByLabel('Action').selectOption('user.role_changed');
  const change = page.locator(`[data-testid="audit-row"][data-action="user.role_changed"][data-target-id="${member.user.id}"]`);
  await change.getByText('Role changed', { exact: true }).waitFor();
  await change.locator('del', { hasText: 'candidate' }).waitFor();
  await change.locator('ins', { hasText: 'recruiter' }).waitFor();
  await shot(page, env, '53-en-admin-audit-trail');
  await checkA11y(page, 'audit trail: role changed, en');

  // The new recruiter gets the console of the organization (a member: no audit trail), but not the admin screens.
  const memberPage = await (await env.newContext({ locale: 'en-US' })).newPage();
  await signIn(memberPage, env, member.username, member.password, EN_SIGNIN);
  await memberPage.getByRole('heading', { name: 'Interviews' }).waitFor();
  assert.equal(await memberPage.getByRole('link', { name: 'Users' }).count(), 0);
  assert.equal(await memberPage.getByRole('link', { name: 'Audit trail' }).count(), 0);
  await memberPage.getByRole('link', { name: 'Organization' }).click();
  await memberPage.getByRole('heading', { name: new RegExp(organizationName) }).waitFor();
  await memberPage.locator(`[data-testid="member-row"][data-username="${member.username}"]`).getByText('Member').waitFor();
  await memberPage.setViewportSize({ width: 390, height: 844 });
  await assertNoSidewaysScroll(memberPage, 'the organization page');
  await shot(memberPage, env, '54-en-member-organization-phone');
  await checkA11y(memberPage, 'organization (member), en, phone');
  // The admin's organizations page on a phone.
  await page.getByRole('link', { name: 'Organizations' }).click();
  await page.getByRole('heading', { name: 'Organizations' }).waitFor();
  await page.locator(`[data-testid="organization-row"][data-name="${organizationName}"]`).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await assertNoSidewaysScroll(page, 'the organizations page');
  await checkA11y(page, 'admin organizations, en, phone');
  await memberPage.goto(`${env.webUrl}/admin/users`);
  await memberPage.getByTestId('not-found').waitFor();
  await checkA11y(memberPage, 'not found (a member on an admin page), en, phone');
});

test('a candidate cannot open another candidate\'s interview', slug('isolation'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const owner = await api.user('candidate');
  const intruder = await api.user('candidate');
  const { data: interview } = await api.call('POST', '/interviews', { position: 'Frontend Developer', language: 'en' }, owner.token);
  const context = await env.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, env, intruder.username, intruder.password, EN_SIGNIN);
  await page.getByRole('heading', { name: 'My interviews' }).waitFor();
  for (const path of [`/interviews/${interview.id}/room`, `/interviews/${interview.id}/report`]) {
    await page.goto(`${env.webUrl}${path}`);
    await page.getByTestId('not-found').waitFor();
    assert.equal(await page.getByText('Frontend Developer').count(), 0, `nothing of the interview shown on ${path}`);
  }
  await shot(page, env, '30-en-other-candidates-interview-not-found');
  await checkA11y(page, 'not found, en');
  // Nor the recruiter console.
  await page.goto(`${env.webUrl}/recruiter/interviews/${interview.id}`);
  await page.getByTestId('not-found').waitFor();
});

test('the UI speaks Korean and English, and an expired session sends the user to sign in', slug('i18n'), async ({ env }) => {
  const korean = await (await env.newContext({ locale: 'ko-KR' })).newPage();
  await korean.goto(`${env.webUrl}/signin`);
  await korean.getByRole('heading', { name: '로그인' }).waitFor();
  assert.equal(await korean.locator('html').getAttribute('lang'), 'ko');
  await shot(korean, env, '40-ko-signin');
  await checkA11y(korean, 'sign-in, ko');
  await korean.getByTestId('language-select').selectOption('en');
  await korean.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await korean.locator('html').getAttribute('lang'), 'en');
  await korean.reload();
  await korean.getByRole('heading', { name: 'Sign in' }).waitFor(); // the choice is kept

  const english = await (await env.newContext({ locale: 'en-US' })).newPage();
  await english.goto(`${env.webUrl}/signin`);
  await english.getByRole('heading', { name: 'Sign in' }).waitFor();
  await shot(english, env, '41-en-signin');
  await checkA11y(english, 'sign-in, en');

  const other = await (await env.newContext({ locale: 'fr-FR' })).newPage();
  await other.goto(`${env.webUrl}/signin`);
  await other.getByRole('heading', { name: 'Sign in' }).waitFor(); // English unless the browser asks for Korean

  // A recruiter's console in Korean.
  const api = apiClient(env.apiUrl);
  const recruiter = await api.recruiter(env);
  await api.call('POST', '/job-postings', { title: '백엔드 개발자 채용', position: 'Backend Developer', language: 'ko' }, recruiter.token);
  const koConsole = await (await env.newContext({ locale: 'ko-KR' })).newPage();
  await signIn(koConsole, env, recruiter.username, recruiter.password, KO_SIGNIN);
  await koConsole.getByRole('heading', { name: '면접 목록' }).waitFor();
  await koConsole.getByRole('link', { name: '채용 공고' }).click();
  await koConsole.getByText('백엔드 개발자 채용').waitFor();
  await koConsole.getByTestId('postings').getByText('모집 중').first().waitFor();
  await shot(koConsole, env, '42-ko-recruiter-postings');
  await checkA11y(koConsole, 'recruiter postings, ko');

  // The token is in the page's memory only, and a reload keeps the sign-in (the httpOnly cookie).
  assert.deepEqual(await koConsole.evaluate(() => [Object.keys(localStorage).filter((key) => key.includes('token')), Object.keys(sessionStorage)]), [[], []]);
  const cookies = await koConsole.context().cookies(`${env.webUrl}/auth/refresh`);
  const session = cookies.find((cookie) => cookie.name === 'interview_session');
  assert.ok(session && session.httpOnly && session.sameSite === 'Strict' && session.path === '/auth', JSON.stringify(cookies));
  assert.equal(await koConsole.evaluate(() => document.cookie.includes('interview_session')), false);
  await koConsole.reload();
  await koConsole.getByText('백엔드 개발자 채용').waitFor();

  // A session ended elsewhere (signed out on another device, revoked): at the next load the app
  // asks to sign in again, keeping where the user was.
  const ended = await fetch(`${env.webUrl}/auth/logout`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'e2e', Cookie: `interview_session=${session.value}` },
  });
  assert.equal(ended.status, 204);
  await koConsole.goto(`${env.webUrl}/recruiter/postings`);
  await koConsole.getByRole('heading', { name: '로그인' }).waitFor();
  await koConsole.getByText('세션이 만료되었습니다').waitFor();
  assert.match(koConsole.url(), /next=%2Frecruiter%2Fpostings/);
  await shot(koConsole, env, '43-ko-session-expired');
  await checkA11y(koConsole, 'sign-in: session expired, ko');
});
