import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import i18n from 'i18next';
import { tokenStore } from '../api/client';
import { setConfig } from '../config';
import { en } from '../i18n/en';
import { ko } from '../i18n/ko';
import { fakeFetch, renderWithProviders } from '../test/render';
import { PostingDetail } from './recruiter/PostingDetail';
import { DRAFT_ERROR_CODES, PostingQuestions, UNAVAILABLE_CODES } from './recruiter/PostingQuestions';
import { QuestionBank, QuestionEdit } from './recruiter/QuestionBank';
import type { JobPosting, QuestionDraftRequest } from '../api/types';

afterEach(() => {
  vi.unstubAllGlobals();
  void i18n.changeLanguage('en');
});

const RECRUITER = {
  id: 5,
  email: 'rita@acme.example',
  username: 'rita',
  role: 'recruiter',
  full_name: 'Rita Recruiter',
  created_at: '2026-01-01T00:00:00Z',
  organization: { id: 3, name: 'Acme', status: 'approved', role: 'owner' },
};
const ADMIN = { ...RECRUITER, id: 1, username: 'ada', role: 'admin', organization: null };

const POSTING: JobPosting = {
  id: 4,
  organization_id: 3,
  recruiter_id: 5,
  title: 'Payments Backend Engineer',
  position: 'Backend Developer',
  description: 'You will own the settlement batch, the payments API under heavy traffic, and its monitoring.',
  language: 'en',
  status: 'open',
  ai_scoring: true,
  candidates_see_scores: false,
  answer_seconds: 180,
  follow_up_limit: 1,
  ai_notice: null,
  ai_notice_version: 0,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

const OFFLINE = { available: false, code: 'no_llm', reason: 'No language model is configured (LLM_API_KEY): questions cannot be drafted', model: null };
const ONLINE = { available: true, code: null, reason: null, model: 'fake-llm' };

const request = (over: Partial<QuestionDraftRequest>): QuestionDraftRequest => ({
  id: 30,
  job_posting_id: 4,
  status: 'queued',
  count: 4,
  language: 'en',
  requested_by: 5,
  created_at: '2026-03-01T10:00:00Z',
  finished_at: null,
  model: null,
  added: [],
  dropped: [],
  error: null,
  ...over,
});

const rubric = {
  criteria: [
    { name: 'settlement_reliability', description: 'Explains how the batch stays correct', weight: 0.6, keywords: ['settlement', 'batch'] },
    { name: 'monitoring', description: 'Names the signals watched', weight: 0.4, keywords: ['monitoring'] },
  ],
  expected_points: ['a failure seen', 'what was changed'],
  generated_by: 'llm:fake-llm',
};
const draft = (id: number, content: string, over: Record<string, unknown> = {}) => ({
  id,
  organization_id: 3,
  owner: 'organization',
  version: 1,
  content,
  category: 'technical',
  difficulty: 'medium',
  position: 'Backend Developer',
  language: 'en',
  rubric_json: rubric,
  usage_count: 0,
  avg_score: null,
  is_active: false,
  status: 'draft',
  job_posting_id: 4,
  generated_by: 'llm:fake-llm',
  ...over,
});
const DRAFTS = [
  draft(21, 'How did you keep the settlement batch correct when it failed at night?'),
  draft(22, 'What would you check first when the payments API gets ten times its traffic?', { category: 'situational' }),
  draft(23, 'Which monitoring signal told you first that payments were failing?'),
];
const NEAR_DUPLICATE = {
  content: 'Tell me about a time you improved the performance of an API.',
  reason: 'near_duplicate',
  detail: 'the bank',
  similar_to: 7,
  similarity: 0.9994,
} as const;

function stub(routes: Parameters<typeof fakeFetch>[0], me: unknown = RECRUITER) {
  setConfig({ apiUrl: 'http://api.test' });
  tokenStore.set('token', 3600);
  const fake = fakeFetch([[/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: me })], ...routes]);
  vi.stubGlobal('fetch', fake.fn);
  return fake;
}

function renderSection() {
  return renderWithProviders(<PostingQuestions posting={POSTING} pollMs={20} />, { auth: true });
}

describe('questions from a posting’s description', () => {
  it('offline: the button is disabled and says why, translated (never the server’s English), in Korean too', async () => {
    const fake = stub([
      [/GET .*\/questions\/generation$/, () => ({ status: 200, body: OFFLINE })],
      [/GET .*\/question-drafts$/, () => ({ status: 200, body: [] })],
      [/GET .*\/questions\?/, () => ({ status: 200, body: [] })],
    ]);
    renderSection();
    const why = await screen.findByTestId('generation-unavailable');
    expect(why.textContent).toBe('Generating questions is not available on this platform: no language model is configured.');
    const button = screen.getByRole('button', { name: 'Generate questions' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe(why.id);
    expect(screen.queryByText(/LLM_API_KEY/)).toBeNull();
    await i18n.changeLanguage('ko');
    expect((await screen.findByRole('button', { name: '질문 만들기' })).hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('generation-unavailable').textContent).toBe('이 플랫폼에서는 질문을 만들 수 없습니다. 언어 모델이 설정되어 있지 않습니다.');
    fireEvent.click(screen.getByRole('button', { name: '질문 만들기' }));
    expect(fake.calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('an unknown reason code still reads as a translated sentence', async () => {
    stub([
      [/GET .*\/questions\/generation$/, () => ({ status: 200, body: { ...OFFLINE, code: 'something_new', reason: 'Some English reason' } })],
      [/GET .*\/question-drafts$/, () => ({ status: 200, body: [] })],
      [/GET .*\/questions\?/, () => ({ status: 200, body: [] })],
    ]);
    renderSection();
    expect((await screen.findByTestId('generation-unavailable')).textContent).toBe('Generating questions is not available on this platform right now.');
    expect(screen.queryByText(/Some English reason/)).toBeNull();
  });

  it('asks for the chosen number, shows progress while queued and running, then the drafts and what was dropped and why', async () => {
    // The worker's progress, one state per poll.
    const states = [request({ status: 'queued' }), request({ status: 'running' }), request({ status: 'running' })];
    const done = request({ status: 'done', finished_at: '2026-03-01T10:00:40Z', model: 'llm:fake-llm', added: [21, 22, 23], dropped: [NEAR_DUPLICATE] });
    let posted = false;
    let polls = 0;
    const fake = stub([
      [/GET .*\/questions\/generation$/, () => ({ status: 200, body: ONLINE })],
      [/POST .*\/job-postings\/4\/question-drafts$/, () => ((posted = true), { status: 202, body: request({ status: 'queued' }) })],
      [/GET .*\/job-postings\/4\/question-drafts$/, () => ({ status: 200, body: !posted ? [] : [polls < states.length ? states[polls++] : done] })],
      [/GET .*\/questions\?status=draft&job_posting_id=4/, () => ({ status: 200, body: posted && polls >= states.length ? DRAFTS : [] })],
      [/GET .*\/questions\?status=approved&job_posting_id=4/, () => ({ status: 200, body: [] })],
      [/GET .*\/questions\/7$/, () => ({ status: 200, body: draft(7, NEAR_DUPLICATE.content, { organization_id: null, owner: 'platform', status: 'approved', is_active: true, generated_by: null, job_posting_id: null }) })],
    ]);
    renderSection();
    expect(await screen.findByTestId('no-drafts')).toBeTruthy();
    const select = screen.getByLabelText('How many questions') as HTMLSelectElement;
    expect(select.value).toBe('5');
    fireEvent.change(select, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate questions' }));
    await waitFor(() => expect(fake.calls.find((call) => call.method === 'POST')?.body).toEqual({ count: 4 }));

    // Progress, and no second request while one runs.
    expect((await screen.findByText(/Waiting for the question writer/)).closest('[role="status"]')).toBeTruthy();
    expect(await screen.findByText('Writing 4 questions… With a real model this can take a minute.')).toBeTruthy();
    expect(screen.queryByTestId('no-drafts')).toBeNull();
    expect((screen.getByRole('button', { name: 'Generate questions' }) as HTMLButtonElement).disabled).toBe(true);

    // Done: the summary, the drafts with their rubric and model, the dropped proposal with its reason.
    const summary = await screen.findByText(/3 of 4 questions drafted by fake-llm/, {}, { timeout: 4000 });
    expect(summary.textContent).toContain('1 not kept');
    const list = await screen.findByTestId('draft-list');
    const items = within(list).getAllByTestId('draft-item');
    expect(items.map((item) => item.getAttribute('data-id'))).toEqual(['21', '22', '23']);
    expect(within(items[0]).getByText(/settlement batch correct/)).toBeTruthy();
    expect(within(items[0]).getByTestId('draft-model').textContent).toBe('Written by fake-llm');
    expect(within(items[0]).getByTestId('draft-criteria').textContent).toBe('settlement_reliability · monitoring');
    expect(within(items[1]).getByText('Situational')).toBeTruthy();
    const dropped = screen.getByTestId('dropped-item');
    expect(dropped.getAttribute('data-reason')).toBe('near_duplicate');
    expect(dropped.textContent).toContain('Near-duplicate of question #7 (similarity 1.00)');
    expect(dropped.textContent).toContain(NEAR_DUPLICATE.content);
    // The bank's question has the very same words: named by its number, not written out twice.
    const repeated = await within(dropped).findByTestId('repeated-question');
    expect(repeated.textContent).toBe('Word for word the same as question #7');
    expect(within(repeated).getByRole('link', { name: '#7' }).getAttribute('href')).toBe('/recruiter/questions/7');
    expect((screen.getByRole('button', { name: 'Generate questions' }) as HTMLButtonElement).disabled).toBe(false);

    // Polling stopped once the request was done.
    const readsAtDone = fake.calls.filter((call) => call.method === 'GET' && /question-drafts$/.test(call.url)).length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.calls.filter((call) => call.method === 'GET' && /question-drafts$/.test(call.url)).length).toBe(readsAtDone);
  });

  it('approves and rejects drafts: each leaves the list and the approved ones are listed as in force', async () => {
    let remaining = [...DRAFTS];
    const approved: typeof DRAFTS = [];
    const decide = (id: number, status: 'approved' | 'rejected') => {
      const question = remaining.find((item) => item.id === id)!;
      remaining = remaining.filter((item) => item.id !== id);
      const decided = { ...question, status, is_active: status === 'approved' };
      if (status === 'approved') approved.push(decided);
      return decided;
    };
    const fake = stub([
      [/GET .*\/questions\/generation$/, () => ({ status: 200, body: ONLINE })],
      [/GET .*\/job-postings\/4\/question-drafts$/, () => ({ status: 200, body: [request({ status: 'done', model: 'llm:fake-llm', added: [21, 22, 23] })] })],
      [/GET .*\/questions\?status=draft&job_posting_id=4/, () => ({ status: 200, body: remaining })],
      [/GET .*\/questions\?status=approved&job_posting_id=4/, () => ({ status: 200, body: approved })],
      [/POST .*\/questions\/21\/review$/, () => ({ status: 200, body: decide(21, 'approved') })],
      [/POST .*\/questions\/23\/review$/, () => ({ status: 200, body: decide(23, 'rejected') })],
      [/POST .*\/questions\/22\/review$/, () => ({ status: 409, body: { detail: 'Question 22 is not a draft (it is approved)', code: 'not_a_draft' } })],
    ]);
    renderSection();
    await screen.findByTestId('draft-list');
    fireEvent.click(screen.getByRole('button', { name: 'Approve draft #21' }));
    expect(await screen.findByText('Question #21 approved: this posting’s interviews ask it from now on.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Approve draft #21' })).toBeNull());
    expect(fake.calls.find((call) => call.url.endsWith('/questions/21/review'))?.body).toEqual({ decision: 'approve' });
    const inForce = await screen.findByTestId('approved-list');
    expect(within(inForce).getByText(/settlement batch correct/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reject draft #23' }));
    expect(await screen.findByText('Question #23 rejected: it stays in the bank and is never asked.')).toBeTruthy();
    expect(fake.calls.find((call) => call.url.endsWith('/questions/23/review'))?.body).toEqual({ decision: 'reject' });
    await waitFor(() => expect(screen.getAllByTestId('draft-item').map((item) => item.getAttribute('data-id'))).toEqual(['22']));

    // Decided by a colleague meanwhile: said in the user's words.
    fireEvent.click(screen.getByRole('button', { name: 'Approve draft #22' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This question was already approved or rejected.');
  });

  it('a request already running, and a failed one, are said plainly', async () => {
    stub([
      [/GET .*\/questions\/generation$/, () => ({ status: 200, body: ONLINE })],
      [/GET .*\/job-postings\/4\/question-drafts$/, () => ({ status: 200, body: [request({ status: 'failed', finished_at: '2026-03-01T10:01:00Z', error: 'HTTP 503; gave up after 4 attempts' })] })],
      [/POST .*\/job-postings\/4\/question-drafts$/, () => ({ status: 409, body: { detail: 'Questions are already being drafted for this posting', code: 'generation_running' } })],
      [/GET .*\/questions\?/, () => ({ status: 200, body: [] })],
    ]);
    renderSection();
    const failed = await screen.findByText(/The questions could not be written/);
    const box = failed.closest('[data-testid="draft-request"]') as HTMLElement;
    expect(box.getAttribute('data-status')).toBe('failed');
    expect(box.textContent).toContain('Reason: HTTP 503; gave up after 4 attempts');
    fireEvent.click(screen.getByRole('button', { name: 'Generate questions' }));
    expect(await screen.findByText('Questions are already being written for this posting: wait for them.')).toBeTruthy();
  });

  it('is on the posting page for members; an administrator reads that it is the organization’s', async () => {
    const routes: Parameters<typeof fakeFetch>[0] = [
      [/GET .*\/job-postings\/4$/, () => ({ status: 200, body: POSTING })],
      [/GET .*\/interviews\?/, () => ({ status: 200, body: [] })],
      [/GET .*\/invitations\?/, () => ({ status: 200, body: [] })],
      [/GET .*\/questions\/generation$/, () => ({ status: 200, body: OFFLINE })],
      [/GET .*\/question-drafts$/, () => ({ status: 200, body: [] })],
      [/GET .*\/questions\?/, () => ({ status: 200, body: [] })],
    ];
    const page = (
      <Routes>
        <Route path="/recruiter/postings/:id" element={<PostingDetail />} />
      </Routes>
    );
    stub(routes);
    const first = renderWithProviders(page, { route: '/recruiter/postings/4', auth: true });
    const section = await screen.findByTestId('posting-questions');
    expect(within(section).getByRole('heading', { name: 'Questions from this description' })).toBeTruthy();
    expect(await within(section).findByTestId('generation-unavailable')).toBeTruthy();
    first.unmount();

    const fake = stub(routes, ADMIN);
    renderWithProviders(page, { route: '/recruiter/postings/4', auth: true });
    expect(await screen.findByText('Only the posting’s organization drafts questions for it.')).toBeTruthy();
    expect(screen.queryByTestId('posting-questions')).toBeNull();
    expect(fake.calls.some((call) => /question-drafts|generation/.test(call.url))).toBe(false);
  });
});

describe('drafts in the question bank', () => {
  it('are marked as drafts, sent to their posting for review, never offered "reactivate"', async () => {
    stub([[/GET .*\/questions\?/, () => ({ status: 200, body: [DRAFTS[0], draft(24, 'A rejected one about settlement batches?', { status: 'rejected' })] })]]);
    renderWithProviders(<QuestionBank />, { route: '/recruiter/questions', auth: true });
    const items = await screen.findAllByTestId('question-item');
    expect(within(items[0]).getByTestId('question-state').textContent).toBe('Draft');
    expect(within(items[0]).getByRole('link', { name: 'Review on its posting' }).getAttribute('href')).toBe('/recruiter/postings/4');
    expect(within(items[1]).getByTestId('question-state').textContent).toBe('Rejected');
    for (const item of items) expect(within(item).queryByRole('button', { name: /Reactivate|Retire/ })).toBeNull();
  });

  it('can be edited first and approved on their own page, without an "active" switch', async () => {
    let current = DRAFTS[0];
    const fake = stub([
      [/GET .*\/questions\/21$/, () => ({ status: 200, body: current })],
      [/GET .*\/questions\/21\/versions$/, () => ({ status: 200, body: [] })],
      [/PATCH .*\/questions\/21$/, () => ((current = { ...current, content: 'Edited wording of the settlement question?', version: 2 }), { status: 200, body: current })],
      [/POST .*\/questions\/21\/review$/, () => ((current = { ...current, status: 'approved', is_active: true }), { status: 200, body: current })],
    ]);
    renderWithProviders(
      <Routes>
        <Route path="/recruiter/questions/:id" element={<QuestionEdit />} />
      </Routes>,
      { route: '/recruiter/questions/21', auth: true },
    );
    expect((await screen.findByTestId('draft-note')).textContent).toContain('A draft written by fake-llm');
    expect(screen.queryByLabelText('Active: asked in new interviews')).toBeNull();
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: 'Edited wording of the settlement question?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ content: 'Edited wording of the settlement question?', is_active: false }));
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Question #21 approved: this posting’s interviews ask it from now on.')).toBeTruthy();
    expect(fake.calls.find((call) => call.method === 'POST')?.body).toEqual({ decision: 'approve' });
    // Approved: an ordinary active question now, retired like any other.
    expect(await screen.findByRole('button', { name: 'Retire' })).toBeTruthy();
    expect(screen.getByLabelText('Active: asked in new interviews')).toBeTruthy();
  });
});

describe('the drafting translations', () => {
  it('name every drafting error code and reason for unavailability in both languages', () => {
    for (const resources of [en, ko]) {
      for (const code of DRAFT_ERROR_CODES) expect(typeof resources.generation.errors[code], code).toBe('string');
      for (const code of [...UNAVAILABLE_CODES, 'other'] as const) expect(typeof resources.generation.unavailable[code], code).toBe('string');
      for (const reason of ['near_duplicate', 'invalid', 'wrong_language'] as const) expect(typeof resources.generation.dropped.reasons[reason], reason).toBe('string');
    }
  });
});
