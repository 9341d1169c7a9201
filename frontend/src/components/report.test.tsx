import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { setConfig } from '../config';
import { fakeFetch, renderWithProviders } from '../test/render';
import { KIM, candidateReport, override, overriddenReport, staffReport } from '../test/reports';
import type { StaffReport } from '../api/types';
import { ReportLoader } from './ReportView';

afterEach(() => {
  vi.unstubAllGlobals();
  void i18n.changeLanguage('en');
});

const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

function serve(report: unknown, routes: Parameters<typeof fakeFetch>[0] = []) {
  setConfig({ apiUrl: 'http://api.test' });
  const fake = fakeFetch([...routes, [/GET .*\/interviews\/12\/report$/, () => ({ status: 200, body: report })]]);
  vi.stubGlobal('fetch', fake.fn);
  renderWithProviders(<ReportLoader interviewId={12} />);
  return fake;
}

/** The text a sighted reader sees (without the screen-reader-only words). */
function visibleText(element: HTMLElement): string {
  const copy = element.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.sr-only').forEach((node) => node.remove());
  return copy.textContent ?? '';
}

const posts = (fake: ReturnType<typeof fakeFetch>) => fake.calls.filter((call) => call.method === 'POST');

describe('the staff report', () => {
  it('says it is AI-assisted and pending review, warns that the offline evaluator wrote it, and shows the final scores', async () => {
    serve(staffReport());
    const panel = await screen.findByTestId('review-panel');
    expect(within(panel).getByTestId('ai-assisted').textContent).toBe('AI-assisted');
    expect(within(panel).getByTestId('review-state').textContent).toBe('Pending review');
    const warning = within(panel).getByTestId('needs-human-review');
    expect(warning.textContent).toContain('This report needs a human review');
    expect(warning.textContent).toContain('written by the offline evaluator, without a language model');
    expect(warning.dataset.reason).toBe('offline');
    expect(screen.getByTestId('overall-score').textContent).toContain('61.5');
    expect(screen.queryByTestId('ai-original')).toBeNull(); // nothing overridden: no AI score beside
    expect(screen.getByTestId('override-history').textContent).toContain('No score has been overridden.');
    // Overall, the three groups and the answered question can be overridden; the unanswered one not.
    expect(screen.getAllByRole('button', { name: /^Override score/ })).toHaveLength(5);
    expect(screen.getByRole('button', { name: 'Override score: Q1' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Override score: Q2' })).toBeNull();
    expect(screen.getByTestId('signals').textContent).toBe('Signals: coverage 60 · relevance 70');
  });

  it('translates the known reasons a report needs a review and shows any other as given', async () => {
    const reasons: [string, string][] = [
      ['written by the offline evaluator because the language model failed: timeout', 'The language model failed, so the offline evaluator wrote it as a fallback: check each score against the answers before relying on it. (timeout)'],
      ['AI scoring is off for this posting: people score the answers with the rubric', 'AI scoring is off for this posting: no score comes from AI'],
      ['written by the offline evaluator, without a language model; the answers contain text addressed to the scorer', 'Some answers contain text addressed to the scorer'],
      ['the transcript is incomplete', 'Why: the transcript is incomplete'],
    ];
    for (const [reason, shown] of reasons) {
      const base = staffReport();
      serve({ ...base, review: { ...base.review, needs_human_review: reason } });
      expect((await screen.findByTestId('needs-human-review')).textContent).toContain(shown);
      cleanup();
      vi.unstubAllGlobals();
    }
  });

  it('checks the override form in the browser, sends a valid one and shows the new score with the AI’s beside it and the history', async () => {
    const fake = serve(staffReport(), [[/POST .*\/interviews\/12\/report\/overrides$/, () => ({ status: 201, body: overriddenReport() })]]);
    fireEvent.click(await screen.findByRole('button', { name: 'Override score: Overall score' }));
    const form = within(screen.getByRole('form', { name: 'Override: Overall score' }));
    const score = form.getByLabelText('New score (0–100)');
    expect((score as HTMLInputElement).value).toBe('61.5'); // starts from the score in force
    change(score, '150');
    fireEvent.click(form.getByRole('button', { name: 'Save score' }));
    expect(await form.findByText('Enter a score from 0 to 100.')).toBeTruthy();
    expect(form.getByText('Give a reason of at least 3 characters.')).toBeTruthy();
    expect(form.getByLabelText('Reason').getAttribute('aria-invalid')).toBe('true');
    change(score, '70');
    change(form.getByLabelText('Reason'), 'x'.repeat(2001));
    fireEvent.click(form.getByRole('button', { name: 'Save score' }));
    expect(await form.findByText('At most 2000 characters.')).toBeTruthy();
    expect(posts(fake)).toHaveLength(0);

    change(form.getByLabelText('Reason'), '  The answers were stronger than the offline evaluator saw.  ');
    fireEvent.click(form.getByRole('button', { name: 'Save score' }));
    await waitFor(() => expect(posts(fake)).toHaveLength(1));
    expect(posts(fake)[0].body).toEqual({ scope: 'overall', score: 70, reason: 'The answers were stronger than the offline evaluator saw.' });
    expect(await screen.findByText('Overall score is now 70.')).toBeTruthy();
    expect(screen.queryByTestId('override-form')).toBeNull();
    const overall = screen.getByTestId('overall-score');
    expect(within(overall).getByTestId('final-score').textContent).toBe('70');
    const original = within(overall).getByTestId('ai-original');
    expect(original.textContent).toContain('AI: 61.5');
    expect(original.querySelector('summary')?.getAttribute('title')).toBe('The answers were stronger than the offline evaluator saw.');
    expect(original.textContent).toContain('by kim');
    const history = within(screen.getByTestId('override-history')).getAllByTestId('override-item');
    expect(history).toHaveLength(1);
    expect(visibleText(history[0])).toContain('Overall score: AI: 61.5 → 70');
    expect(history[0].textContent).toContain('Reason: The answers were stronger');
    expect(history[0].textContent).toContain('by kim');
  });

  it('shows the API’s message when it refuses an override', async () => {
    serve(staffReport(), [[/POST .*\/report\/overrides$/, () => ({ status: 422, body: { detail: 'question 31 was not answered' } })]]);
    fireEvent.click(await screen.findByRole('button', { name: 'Override score: Q1' }));
    const form = within(screen.getByTestId('override-form'));
    change(form.getByLabelText('New score (0–100)'), '80');
    change(form.getByLabelText('Reason'), 'Covered the trade-offs');
    fireEvent.click(form.getByRole('button', { name: 'Save score' }));
    expect((await form.findByRole('alert')).textContent).toContain('question 31 was not answered');
  });

  it('sends a question override with its question, and lists the history newest first', async () => {
    const base = staffReport();
    const after: StaffReport = {
      ...base,
      overrides: [override({ id: 1, score: 65 }), override({ id: 2, scope: 'question', question_id: 31, ai_score: 55, previous_score: 55, score: 60, reason: 'Missed the example', reviewer: { id: 8, username: 'lee' } })],
      final_scores: { ...base.final_scores, overall: 65, questions: [{ question_id: 31, ai_score: 55, score: 60, overridden: true }, base.final_scores.questions[1]] },
    };
    const fake = serve(base, [[/POST .*\/report\/overrides$/, () => ({ status: 201, body: after })]]);
    fireEvent.click(await screen.findByRole('button', { name: 'Override score: Q1' }));
    const form = within(screen.getByTestId('override-form'));
    change(form.getByLabelText('New score (0–100)'), '60');
    change(form.getByLabelText('Reason'), 'Missed the example');
    fireEvent.click(form.getByRole('button', { name: 'Save score' }));
    await waitFor(() => expect(posts(fake)[0]?.body).toEqual({ scope: 'question', question_id: 31, score: 60, reason: 'Missed the example' }));
    const question = (await screen.findAllByTestId('question-evaluation'))[0];
    await waitFor(() => expect(within(question).getByTestId('question-score').textContent).toBe('60'));
    expect(within(question).getByTestId('ai-original').textContent).toContain('AI: 55');
    expect(within(question).getByText('Q1 is now 60.')).toBeTruthy();
    const items = screen.getAllByTestId('override-item');
    expect(items.map((item) => item.dataset.scope)).toEqual(['question', 'overall']);
    expect(visibleText(items[0])).toContain('Q1: AI: 55 → 60');
    expect(items[0].textContent).toContain('by lee');
  });

  it('marks the report reviewed with a note, then offers to reopen it', async () => {
    const reviewed: StaffReport = { ...staffReport(), review: { ...staffReport().review, state: 'reviewed', reviewed_by: KIM, reviewed_at: '2026-12-01T10:00:00Z', note: 'Checked against the transcript' } };
    const fake = serve(staffReport(), [[/POST .*\/interviews\/12\/report\/review$/, () => ({ status: 200, body: reviewed })]]);
    const form = within(await screen.findByTestId('review-form'));
    change(form.getByLabelText(/Note with the review/), 'Checked against the transcript');
    fireEvent.click(form.getByRole('button', { name: 'Mark reviewed' }));
    await waitFor(() => expect(posts(fake)[0]?.body).toEqual({ state: 'reviewed', note: 'Checked against the transcript' }));
    expect(await screen.findByText('Marked reviewed.')).toBeTruthy();
    expect(screen.getByTestId('review-state').textContent).toMatch(/^Reviewed by kim, Dec 1, 2026$/);
    expect(screen.getByTestId('review-note').textContent).toContain('Checked against the transcript');
    expect(screen.getByTestId('needs-human-review').textContent).toContain('Why this report needed a human review'); // no longer a warning
    fireEvent.click(screen.getByRole('button', { name: 'Reopen review' }));
    await waitFor(() => expect(posts(fake)[1]?.body).toEqual({ state: 'pending_review' }));
  });

  it('offers no review or override to those who may not (an admin), and says who may', async () => {
    const base = overriddenReport();
    serve({ ...base, review: { ...base.review, can_review: false } });
    expect(await screen.findByText('Only members of the posting’s organization review reports and override scores.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Override score/ })).toBeNull();
    expect(screen.queryByTestId('review-form')).toBeNull();
    expect(within(screen.getByTestId('overall-score')).getByTestId('ai-original').textContent).toContain('AI: 61.5');
  });

  it('with AI scoring off asks people to score each answer with the rubric', async () => {
    const base = staffReport();
    const human: StaffReport = {
      ...base,
      scoring: 'human',
      technical_score: null,
      communication_score: null,
      cultural_fit_score: null,
      overall_score: null,
      summary_text: '',
      evaluator_model: 'human (AI scoring off)',
      details_json: { needs_human_review: 'human scoring: AI scoring off' },
      review: { ...base.review, needs_human_review: 'human scoring: AI scoring off' },
      final_scores: { technical: null, communication: null, cultural_fit: null, overall: null, questions: [] },
    };
    const questions = [
      { id: 31, content: 'What is an index?', category: 'technical', difficulty: 'easy', position: null, language: 'en', version: 2, order: 1, rubric_json: { criteria: [{ name: 'data_model', description: 'Explains B-trees', weight: 1 }], expected_points: ['Lookups in log time'] } },
      { id: 32, content: 'Why us?', category: 'cultural_fit', difficulty: 'easy', position: null, language: 'en', version: 1, order: 2, rubric_json: null },
    ];
    const fake = serve(human, [
      [/GET .*\/interviews\/12\/questions$/, () => ({ status: 200, body: questions })],
      [/POST .*\/report\/overrides$/, () => ({ status: 201, body: human })],
    ]);
    expect((await screen.findByTestId('human-scoring')).textContent).toBe('AI scoring is off for this posting: score each answer with the rubric.');
    expect(screen.getByTestId('needs-human-review').dataset.reason).toBe('scoringOff');
    expect(within(screen.getByTestId('overall-score')).getByText('Not scored yet')).toBeTruthy();
    const items = await screen.findAllByTestId('question-evaluation');
    expect(items.map((item) => item.dataset.questionId)).toEqual(['31', '32']);
    expect(within(items[0]).getByText('What is an index?')).toBeTruthy();
    expect(within(items[0]).getByText('Rubric')).toBeTruthy();
    expect(within(items[0]).getByText('Explains B-trees', { exact: false })).toBeTruthy();
    fireEvent.click(within(items[1]).getByRole('button', { name: 'Score this answer: Q2' }));
    const form = within(screen.getByTestId('override-form'));
    change(form.getByLabelText('New score (0–100)'), '40');
    change(form.getByLabelText('Reason'), 'Generic, no link to the company');
    fireEvent.click(form.getByRole('button', { name: 'Save score' }));
    await waitFor(() => expect(posts(fake)[0]?.body).toEqual({ scope: 'question', question_id: 32, score: 40, reason: 'Generic, no link to the company' }));
    expect(screen.queryAllByTestId('evidence')).toHaveLength(0);
  });

  it('words the review and the form’s checks in Korean too', async () => {
    await i18n.changeLanguage('ko');
    serve(staffReport());
    expect((await screen.findByTestId('review-state')).textContent).toBe('검토 대기');
    expect(screen.getByTestId('ai-assisted').textContent).toBe('AI 보조');
    expect(screen.getByTestId('needs-human-review').textContent).toContain('오프라인 평가기');
    fireEvent.click(screen.getByRole('button', { name: '점수 조정: 종합 점수' }));
    const form = within(screen.getByTestId('override-form'));
    change(form.getByLabelText('새 점수 (0–100)'), '');
    fireEvent.click(form.getByRole('button', { name: '점수 저장' }));
    expect(await form.findByText('0부터 100 사이의 점수를 입력하세요.')).toBeTruthy();
    expect(form.getByText('사유를 3자 이상 적어 주세요.')).toBeTruthy();
  });
});

describe('the candidate’s report', () => {
  it('gives feedback without scores when the company does not share them, and nothing of the rubric', async () => {
    // Even if a body carried more than the contract's fields, the candidate view renders none of them.
    serve({ ...candidateReport(), details_json: staffReport().details_json, overrides: [override()] });
    const report = await screen.findByTestId('report');
    expect(report.dataset.view).toBe('candidate');
    expect(screen.getByTestId('scores-hidden').textContent).toBe('The company does not share scores with candidates: here is the feedback on your answers.');
    expect(screen.getByTestId('candidate-review-line').textContent).toContain('AI-assisted, not yet reviewed by the company’s team.');
    expect(screen.queryByTestId('overall-score')).toBeNull();
    expect(screen.queryByTestId('scores-chart')).toBeNull();
    expect(screen.queryByTestId('question-chart')).toBeNull();
    expect(within(screen.getByTestId('feedback-strengths')).getByText('You gave a concrete example with numbers.')).toBeTruthy();
    expect(within(screen.getByTestId('feedback-improvements')).getByText('Say why you chose the approach.')).toBeTruthy();
    const questions = screen.getAllByTestId('question-feedback');
    expect(within(questions[0]).getByText('Clear explanation of lookups.')).toBeTruthy();
    expect(within(questions[1]).getByText('Not answered')).toBeTruthy();
    expect(within(questions[1]).getByText('No feedback for this answer.')).toBeTruthy();
    for (const hidden of ['evidence', 'signals', 'rubric-version', 'review-panel', 'override-history', 'ai-original']) expect(screen.queryByTestId(hidden), hidden).toBeNull();
    expect(report.textContent).not.toMatch(/data_model|Criteria|Evidence|B-trees|kim|Signals|Rubric/);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows the scores when they are shared, says it was reviewed, and copes with a report without feedback', async () => {
    serve(
      candidateReport({
        review_state: 'reviewed',
        scores_visible: true,
        technical_score: 60,
        communication_score: 65,
        cultural_fit_score: 61,
        overall_score: 70,
        feedback: { strengths: [], improvements: [] },
        questions: [{ question_id: 31, question: 'What is an index?', answered: true, score: 60, feedback: '' }],
      }),
    );
    expect((await screen.findByTestId('overall-score')).textContent).toContain('70');
    expect(screen.queryByTestId('scores-hidden')).toBeNull();
    expect(screen.getByTestId('candidate-review-line').textContent).toContain('AI-assisted, reviewed by the company’s team.');
    expect(screen.getByText('No written feedback for this report.')).toBeTruthy();
    expect(within(screen.getByTestId('question-feedback')).getByText('60')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Score per question (out of 100)' })).toBeTruthy();
  });

  it('says a practice report is reviewed by no company', async () => {
    serve(candidateReport({ kind: 'practice', scores_visible: true, overall_score: 58 }));
    expect((await screen.findByTestId('candidate-review-line')).textContent).toContain('AI-assisted feedback on a practice interview; no company reviews it.');
  });
});
