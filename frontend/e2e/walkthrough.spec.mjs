// The candidate's walkthrough of issue 12 ("Done when", candidate half), in Chromium on a phone, in
// Korean: invited by a recruiter to a real interview, the candidate reads the posting's own AI notice
// and consents, hears the first question (speech synthesis, recorded by an init script), answers
// vaguely and gets a follow-up, skips a question and comes back to it, loses the session while an
// answer is typed and finds it again after signing in, and finishes. The API is then asked what was
// stored: the consent, the follow-up linked to its question and answer, every answer once.
import assert from 'node:assert/strict';
import { waitForMail } from './mail.mjs';
import { checkA11y } from './axe.mjs';
import { slug, test } from './fixtures.mjs';
import { apiClient, assertNoSidewaysScroll, interviewerDecided, KO_ANSWERS, KO_SIGNIN, PHONE, shot, unique } from './helpers.mjs';

const SEND = '답변 보내기';
const SKIP = '질문 건너뛰기';
const FINISH = '면접 종료';

/** The vague answer: an honest attempt that says nothing concrete (the interviewer asks for more). */
const VAGUE = '음, 여러 가지 일을 해 봤고 대체로 잘 해냈던 것 같습니다.';

/** Answers to follow-ups, each different from every other answer (no text is sent twice). */
const FOLLOW_UP_ANSWERS = [
  '예를 들면 주문 API의 느린 조회를 찾으려고 실행 계획을 보고 복합 인덱스를 추가해서 p95 지연을 800ms에서 200ms로 줄였습니다.',
  '그때는 먼저 배포를 되돌려 영향을 막고, 로그와 지표로 원인을 찾은 뒤 회고 문서에 재발 방지 대책을 적어 팀과 공유했습니다.',
  '구체적으로는 변경 전후의 응답 시간과 오류율을 대시보드로 비교했고, 그 수치를 근거로 팀과 다음 개선 순서를 정했습니다.',
  '제가 맡은 부분은 스키마 설계와 마이그레이션이었고, 락을 피하려고 작은 배치로 나눠 온라인으로 적용했습니다.',
  '저는 결정을 내리기 전에 대안 두세 가지의 장단점을 표로 정리해 공유하고, 합의한 내용은 문서로 남겼습니다.',
];

/** Typed into question 4, then the session is lost: it must come back, and be stored once. */
const DRAFT =
  '동시성 문제는 먼저 재현 조건을 찾고, 트랜잭션 격리 수준과 행 잠금으로 같은 주문이 두 번 처리되지 않게 막은 뒤 부하 테스트로 확인했습니다.';

/** The posting's own AI notice (short, in Korean): the candidate must see this text, not the default. */
function noticeFor(organization) {
  return (
    `${organization}의 이 면접은 AI 면접관이 진행합니다. AI가 질문하고 답변에 따라 짧은 꼬리 질문을 할 수 있습니다.\n\n` +
    '답변은 기술 역량과 의사소통을 기준으로 평가되며, 채용 담당자가 결과를 직접 검토한 뒤 결정합니다.'
  );
}

/** What the page's speech synthesis was asked to say so far ({ text, lang } each). */
function spokenSoFar(page) {
  return page.evaluate(() => window.__spoken ?? []);
}

/** Waits until `text` was spoken; returns that utterance. */
async function waitSpoken(page, text) {
  await page.waitForFunction((wanted) => (window.__spoken ?? []).some((item) => item.text === wanted), text, { timeout: 10_000 });
  return (await spokenSoFar(page)).find((item) => item.text === text);
}

/** The question card showing question `number` at that step ('answer', 'followUp', ...). */
function card(page, number, step) {
  return page.locator(`[data-testid="question-card"][data-number="${number}"]${step ? `[data-step="${step}"]` : ''}`);
}

test('walkthrough: a Korean candidate on a phone reads the AI notice, consents, hears a question, gets a follow-up to a vague answer, skips and comes back, loses the session mid-answer and finds the draft after signing in, and finishes', slug('walkthrough'), async ({ env }) => {
  const api = apiClient(env.apiUrl);
  const organization = `한결 소프트 ${unique('')}`;
  const recruiter = await api.recruiter(env, unique('wrec'), '이수진', organization);
  const notice = noticeFor(organization);
  const { data: posting } = await api.call(
    'POST',
    '/job-postings',
    {
      title: '백엔드 개발자 (서울)',
      position: 'Backend Developer',
      language: 'ko',
      description: '주문과 결제 API를 FastAPI와 PostgreSQL로 만들고 운영할 백엔드 개발자를 찾습니다.',
      follow_up_limit: 1,
      answer_seconds: 120,
      ai_notice: notice,
    },
    recruiter.token,
  );
  assert.equal(posting.follow_up_limit, 1);
  const candidate = await api.user('candidate', unique('wcand'), '김하늘');
  const { mail } = await api.invite(env, recruiter.token, posting.id, candidate.user.email);

  const context = await env.newContext({ ...PHONE, locale: 'ko-KR' });
  // The interviewer's voice: every speechSynthesis.speak call recorded (text, lang), then spoken.
  await context.addInitScript(() => {
    const spoken = [];
    Object.defineProperty(window, '__spoken', { value: spoken });
    const synth = window.speechSynthesis;
    if (!synth) return;
    const speak = synth.speak.bind(synth);
    synth.speak = (utterance) => {
      spoken.push({ text: utterance.text, lang: utterance.lang });
      return speak(utterance);
    };
  });
  const page = await context.newPage();

  // The e-mailed link: the candidate has an account, signs in there and accepts.
  await page.goto(mail.link);
  await page.getByRole('heading', { name: `${organization}에서 면접에 초대했습니다: 백엔드 개발자 (서울)` }).waitFor();
  await checkA11y(page, 'invite acceptance: signed out, ko, phone');
  await page.locator('[aria-labelledby="invite-signin-title"]').getByRole('link', { name: '로그인' }).click();
  await page.getByLabel(KO_SIGNIN.username).fill(candidate.username);
  await page.getByLabel(KO_SIGNIN.password, { exact: true }).fill(candidate.password);
  await page.getByRole('button', { name: KO_SIGNIN.submit, exact: true }).click();
  await page.getByRole('button', { name: '수락하고 면접으로 이동' }).click();
  await page.waitForURL(/\/interviews\/\d+\/room$/);
  const interviewId = Number(new URL(page.url()).pathname.split('/')[2]);
  const roomPath = `/interviews/${interviewId}/room`;
  await page.getByTestId('room-kind').getByText('실전', { exact: true }).waitFor();
  const { data: questions } = await api.call('GET', `/interviews/${interviewId}/questions`, undefined, candidate.token);
  questions.sort((a, b) => a.order - b.order);
  assert.ok(questions.length >= 5, `expected at least 5 questions, got ${questions.length}`);
  await assertNoSidewaysScroll(page, 'the room before it begins');

  // 1. The AI notice, the posting's own, before any question; consenting records it.
  await page.getByRole('button', { name: '면접 시작' }).click();
  const noticeCard = page.getByTestId('ai-notice');
  await noticeCard.getByRole('heading', { name: '시작하기 전에: AI가 면접을 진행합니다' }).waitFor();
  const shownNotice = (await noticeCard.getByTestId('notice-text').innerText()).replace(/\s+/g, ' ').trim();
  assert.equal(shownNotice, notice.replace(/\s+/g, ' ').trim(), "the posting's own notice is shown");
  assert.equal(await page.getByTestId('question-text').count(), 0, 'no question before consent');
  assert.equal(await page.locator('#answer').count(), 0, 'no answer box before consent');
  await assertNoSidewaysScroll(page, 'the AI notice');
  await shot(page, env, 'walkthrough-01-notice');
  await checkA11y(page, 'room: the posting\'s AI notice, ko, phone');
  await noticeCard.getByRole('button', { name: '이해했으며 동의합니다' }).click();

  // 2. The first question, shown and spoken in Korean.
  await card(page, 1, 'answer').waitFor();
  const progress = page.getByTestId('progress');
  const total = Number(await progress.getAttribute('data-total'));
  assert.equal(total, questions.length);
  assert.match(await page.getByTestId('question-text').innerText(), new RegExp(escapeRegExp(questions[0].content)));
  const first = await waitSpoken(page, questions[0].content);
  assert.match(first.lang, /^ko/, `the question is spoken in Korean (${first.lang})`);
  await page.getByTestId('time-guide').waitFor(); // the posting's time guide
  await assertNoSidewaysScroll(page, 'the first question');
  await shot(page, env, 'walkthrough-02-question');
  await checkA11y(page, 'room: first question, ko, phone');

  let sent = 0;
  let followUpAnswers = 0;
  /** Types `text` into the answer box and sends it; waits until the room has it saved. */
  async function send(text) {
    await page.locator('#answer').fill(text);
    await page.getByRole('button', { name: SEND }).click();
    sent += 1;
    await page.waitForFunction((wanted) => [...document.querySelectorAll('[data-testid="answers"] .utterance.user p')].some((p) => p.textContent === wanted), text);
  }
  /** Answers question `number` (shown now), then any follow-up the interviewer asks about it. */
  async function answer(number, text) {
    await card(page, number, 'answer').waitFor();
    const answered = Number(await progress.getAttribute('data-answered'));
    await send(text);
    await page.locator(`[data-testid="progress"][data-answered="${answered + 1}"]`).waitFor();
    await interviewerDecided(page);
    while ((await card(page, number, 'followUp').count()) > 0) {
      const followUpId = await page.getByTestId('question-card').getAttribute('data-follow-up');
      await send(FOLLOW_UP_ANSWERS[followUpAnswers % FOLLOW_UP_ANSWERS.length]);
      followUpAnswers += 1;
      await page.waitForFunction((id) => document.querySelector('[data-testid="question-card"]')?.getAttribute('data-follow-up') !== id, followUpId);
      await interviewerDecided(page);
    }
  }

  // 3. A vague answer gets a follow-up, under its question, shown and spoken.
  await send(VAGUE);
  await page.locator('[data-testid="progress"][data-answered="1"]').waitFor();
  await interviewerDecided(page);
  const followUpCard = card(page, 1, 'followUp');
  await followUpCard.waitFor();
  const followUpId = Number(await followUpCard.getAttribute('data-follow-up'));
  assert.ok(followUpId > 0, 'the follow-up line is named on the card');
  const followUpText = await followUpCard.getByTestId('follow-up-text').last().innerText();
  assert.ok(followUpText.length > 10, 'the follow-up is shown');
  assert.match(await page.getByTestId('question-text').innerText(), new RegExp(escapeRegExp(questions[0].content)), 'under its question');
  const spokenFollowUp = await waitSpoken(page, followUpText);
  assert.match(spokenFollowUp.lang, /^ko/, 'the follow-up is spoken in Korean');
  await page.getByRole('form', { name: '꼬리 질문에 대한 내 답변' }).waitFor();
  await assertNoSidewaysScroll(page, 'the follow-up');
  await shot(page, env, 'walkthrough-03-follow-up');
  await checkA11y(page, 'room: follow-up, ko, phone');
  await send(FOLLOW_UP_ANSWERS[followUpAnswers]);
  followUpAnswers += 1;
  await page.waitForFunction((id) => document.querySelector('[data-testid="question-card"]')?.getAttribute('data-follow-up') !== String(id), followUpId);
  await interviewerDecided(page);
  assert.equal(await card(page, 1, 'followUp').count(), 0, 'one follow-up at most (the posting says 1)');

  // 4. Question 2 skipped, question 3 answered, then back to question 2 through the navigator.
  await card(page, 2, 'answer').waitFor();
  await page.getByRole('button', { name: SKIP }).click();
  await answer(3, KO_ANSWERS[0]);
  await card(page, 4, 'answer').waitFor();
  const navigator = page.getByTestId('question-nav');
  const second = navigator.getByRole('button', { name: '질문 2: 건너뜀' });
  assert.equal(await second.getAttribute('data-status'), 'skipped');
  assert.equal(await navigator.getByRole('button', { name: '질문 1: 답변함' }).count(), 1);
  assert.equal(await navigator.getByRole('button', { name: '질문 3: 답변함' }).count(), 1);
  await second.click();
  await card(page, 2, 'answer').waitFor();
  await navigator.getByRole('button', { name: '질문 2: 현재 질문' }).waitFor();
  await page.getByText(`${total}개 중 2개 답변`).waitFor();
  await assertNoSidewaysScroll(page, 'back at the skipped question');
  await shot(page, env, 'walkthrough-04-skip-return');
  await checkA11y(page, 'room: back at a skipped question, ko, phone');
  await answer(2, KO_ANSWERS[1]);

  // 5. Mid-answer on question 4 the sign-in is lost: ended on the server, the cookie gone. The
  // next request (sending) is refused; the candidate signs in again and finds the draft.
  await card(page, 4, 'answer').waitFor();
  await page.locator('#answer').fill(DRAFT);
  // The e-mailed link may name the web app by another host than env.webUrl: the page's own origin.
  const origin = new URL(page.url()).origin;
  const session = (await context.cookies(`${origin}/auth/refresh`)).find((cookie) => cookie.name === 'interview_session');
  assert.ok(session, 'the sign-in has its session cookie');
  const ended = await fetch(`${origin}/auth/logout`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'e2e', Cookie: `interview_session=${session.value}` },
  });
  assert.equal(ended.status, 204);
  await context.clearCookies();
  await page.getByRole('button', { name: SEND }).click();
  await page.getByRole('heading', { name: '로그인' }).waitFor();
  await page.getByText('세션이 만료되었습니다').waitFor();
  await page.getByTestId('draft-kept').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next'), roomPath, 'the sign-in page leads back to the room');
  await assertNoSidewaysScroll(page, 'the sign-in page');
  await shot(page, env, 'walkthrough-05a-signed-out');
  await checkA11y(page, 'sign-in: session expired with a draft kept, ko, phone');
  await page.getByLabel(KO_SIGNIN.username).fill(candidate.username);
  await page.getByLabel(KO_SIGNIN.password, { exact: true }).fill(candidate.password);
  await page.getByRole('button', { name: KO_SIGNIN.submit, exact: true }).click();
  await page.waitForURL((url) => url.pathname === roomPath);
  await card(page, 4, 'answer').waitFor();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await page.locator('#answer').inputValue(), DRAFT, 'the typed answer is back in the box');
  await assertNoSidewaysScroll(page, 'the room after signing in again');
  await shot(page, env, 'walkthrough-05-draft-back');
  await checkA11y(page, 'room: draft restored, ko, phone');

  // 6. The draft sent; finishing with a question left says how many; the rest answered; finished.
  const answered = Number(await progress.getAttribute('data-answered'));
  await page.getByRole('button', { name: SEND }).click();
  sent += 1;
  await page.locator(`[data-testid="progress"][data-answered="${answered + 1}"]`).waitFor();
  await interviewerDecided(page);
  while ((await card(page, 4, 'followUp').count()) > 0) {
    const id = await page.getByTestId('question-card').getAttribute('data-follow-up');
    await send(FOLLOW_UP_ANSWERS[followUpAnswers % FOLLOW_UP_ANSWERS.length]);
    followUpAnswers += 1;
    await page.waitForFunction((shown) => document.querySelector('[data-testid="question-card"]')?.getAttribute('data-follow-up') !== shown, id);
    await interviewerDecided(page);
  }
  for (let number = 5; number <= total; number += 1) {
    await card(page, number, 'answer').waitFor();
    if (number === total) {
      // One question left: finishing now is confirmed first, saying how many are unanswered.
      await page.getByRole('button', { name: FINISH }).click();
      await page.getByTestId('finish-confirm').getByText(`질문 ${total}개 중 1개에 답하지 않았습니다`).waitFor();
      await assertNoSidewaysScroll(page, 'the finish confirmation');
      await checkA11y(page, 'room: finish confirmation, ko, phone');
      await page.getByRole('button', { name: '계속 답하기' }).click();
      await page.getByTestId('finish-confirm').waitFor({ state: 'detached' });
    }
    await answer(number, KO_ANSWERS[(number - 1) % KO_ANSWERS.length]);
  }
  await page.getByText('모든 질문에 답했습니다').waitFor();
  assert.equal(await progress.getAttribute('data-answered'), String(total));
  await page.getByRole('button', { name: FINISH }).click();
  await page.getByRole('heading', { name: '면접 평가 리포트' }).waitFor();
  const report = page.getByTestId('report');
  const pending = page.getByTestId('report-pending');
  await Promise.race([report.waitFor({ timeout: 30_000 }), pending.waitFor({ timeout: 30_000 })]);
  await assertNoSidewaysScroll(page, 'the finished interview');
  await shot(page, env, 'walkthrough-06-finished');
  await report.waitFor({ timeout: 60_000 });
  await page.getByTestId('report-kind').getByText('실전', { exact: true }).waitFor();
  await assertNoSidewaysScroll(page, 'the report');
  await checkA11y(page, 'report (candidate, real), ko, phone');

  // What the API stored.
  const token = await api.login(candidate.username);
  const { data: interview } = await api.call('GET', `/interviews/${interviewId}`, undefined, token);
  assert.equal(interview.status, 'completed');
  assert.ok(interview.consented_at, 'the consent is recorded with the interview');
  assert.equal(interview.consent_required, false);
  const { data: lines } = await api.call('GET', `/interviews/${interviewId}/transcripts`, undefined, token);
  const userLines = lines.filter((line) => line.speaker === 'User');
  const vague = userLines.filter((line) => line.text === VAGUE);
  assert.equal(vague.length, 1, 'the vague answer is stored once');
  assert.equal(vague[0].question_id, questions[0].id);
  assert.equal(vague[0].follow_up_state, 'asked');
  const followUp = lines.find((line) => line.id === followUpId);
  assert.ok(followUp, 'the follow-up shown is in the transcript');
  assert.equal(followUp.speaker, 'AI');
  assert.equal(followUp.text, followUpText);
  assert.equal(followUp.question_id, questions[0].id, "the follow-up has its question's id");
  assert.equal(followUp.follow_up_of, vague[0].id, 'the follow-up names the answer it follows up');
  const followUps = lines.filter((line) => line.speaker === 'AI' && line.follow_up_of !== null);
  for (const question of questions) {
    const asked = followUps.filter((line) => line.question_id === question.id).length;
    assert.ok(asked <= 1, `question ${question.id}: ${asked} follow-ups with a limit of 1`);
  }
  assert.equal(followUps.length, followUpAnswers, 'every follow-up asked was answered');
  assert.equal(userLines.length, sent, `each answer sent is stored once (${userLines.length} stored, ${sent} sent)`);
  assert.equal(new Set(userLines.map((line) => line.text)).size, userLines.length, 'no answer stored twice');
  const drafts = userLines.filter((line) => line.text === DRAFT);
  assert.equal(drafts.length, 1, "the draft's text is stored exactly once");
  assert.equal(drafts[0].question_id, questions[3].id);
  const answeredQuestions = new Set(userLines.map((line) => line.question_id));
  assert.equal(answeredQuestions.size, total, 'every question answered');
  env.log(`  ${total} questions, ${sent} answers sent, ${followUps.length} follow-up(s); spoken ${(await spokenSoFar(page)).length} times`);
});


function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
