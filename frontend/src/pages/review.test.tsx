import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import i18n from 'i18next';
import { tokenStore } from '../api/client';
import { setConfig } from '../config';
import { fakeFetch, renderWithProviders } from '../test/render';
import { overriddenReport, staffReport } from '../test/reports';
import { Postings } from './recruiter/Postings';
import { PostingDetail } from './recruiter/PostingDetail';
import { Compare } from './recruiter/Compare';
import { InterviewDetail } from './recruiter/InterviewDetail';
import { AuditTrail } from './Audit';

afterEach(() => {
  vi.unstubAllGlobals();
  void i18n.changeLanguage('en');
});

const RECRUITER = {
  id: 5, email: 'rita@acme.example', username: 'rita', role: 'recruiter', full_name: 'Rita Recruiter', created_at: '2026-01-01T00:00:00Z',
  organization: { id: 3, name: 'Acme', status: 'approved', role: 'owner' },
};
const POSTING = {
  id: 4, organization_id: 3, recruiter_id: 5, title: 'Backend Engineer (Seoul)', position: 'Backend Developer', description: null, language: 'en',
  status: 'open', ai_scoring: true, candidates_see_scores: false, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
};
const interview = (over: Record<string, unknown> = {}) => ({
  id: 12, candidate_id: 9, candidate_username: 'jiwoo', candidate_full_name: 'Kim Jiwoo', kind: 'real', job_posting_id: 4, job_posting_title: POSTING.title,
  organization_id: 3, position: 'Backend Developer', language: 'en', status: 'completed', scheduled_time: null, deadline: null, retake: false,
  start_time: '2026-02-01T09:00:00Z', end_time: '2026-02-01T10:00:00Z', overall_score: 61.5, emotion_summary: null, created_at: '2026-02-01T09:00:00Z', ...over,
});

function stub(routes: Parameters<typeof fakeFetch>[0]) {
  setConfig({ apiUrl: 'http://api.test' });
  tokenStore.set('token', 3600);
  const fake = fakeFetch([[/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: RECRUITER })], ...routes]);
  vi.stubGlobal('fetch', fake.fn);
  return fake;
}

describe('the posting’s scoring switches', () => {
  it('creates a posting with AI scoring off and scores shared, each switch explained', async () => {
    const fake = stub([
      [/GET .*\/job-postings(\?|$)/, () => ({ status: 200, body: [{ ...POSTING, ai_scoring: false, candidates_see_scores: true }] })],
      [/POST .*\/job-postings$/, () => ({ status: 201, body: { ...POSTING, id: 9 } })],
    ]);
    renderWithProviders(
      <Routes>
        <Route path="/recruiter/postings" element={<Postings />} />
        <Route path="/recruiter/postings/:id" element={<p>posting page</p>} />
      </Routes>,
      { route: '/recruiter/postings', auth: true },
    );
    // The list marks a posting's non-default settings.
    expect(await screen.findByTestId('ai-scoring-off')).toHaveProperty('textContent', 'AI scoring off');
    expect(screen.getByTestId('scores-shared')).toHaveProperty('textContent', 'Scores shared with candidates');

    fireEvent.click(screen.getByRole('button', { name: 'New job posting' }));
    const form = within(screen.getByTestId('posting-form'));
    const aiScoring = form.getByRole('switch', { name: 'AI scoring' }) as HTMLInputElement;
    const seeScores = form.getByRole('switch', { name: 'Candidates see their scores' }) as HTMLInputElement;
    expect([aiScoring.checked, seeScores.checked]).toEqual([true, false]); // the defaults
    expect(aiScoring.getAttribute('aria-describedby') && document.getElementById(aiScoring.getAttribute('aria-describedby') as string)?.textContent).toBe(
      'Off: answers are transcribed but not scored by AI; your team scores each answer with the rubric.',
    );
    expect(form.getByText(/^Off: candidates get written feedback only, without scores/)).toBeTruthy();
    fireEvent.change(form.getByLabelText('Title'), { target: { value: 'Data Engineer' } });
    fireEvent.change(form.getByLabelText('Position'), { target: { value: 'Data Engineer' } });
    fireEvent.click(aiScoring);
    fireEvent.click(seeScores);
    expect([aiScoring.checked, seeScores.checked]).toEqual([false, true]);
    fireEvent.click(form.getByRole('button', { name: 'New job posting' }));
    await waitFor(() => expect(fake.calls.find((call) => call.method === 'POST')?.body).toEqual({
      title: 'Data Engineer', position: 'Data Engineer', description: undefined, language: 'en', ai_scoring: false, candidates_see_scores: true,
    }));
  });

  it('edits them on the posting page, in Korean too', async () => {
    const fake = stub([
      [/GET .*\/job-postings\/4$/, () => ({ status: 200, body: { ...POSTING, ai_scoring: false } })],
      [/PATCH .*\/job-postings\/4$/, () => ({ status: 200, body: { ...POSTING, candidates_see_scores: true, updated_at: '2026-01-02T00:00:00Z' } })],
      [/GET .*\/interviews\?/, () => ({ status: 200, body: [] })],
      [/GET .*\/invitations\?/, () => ({ status: 200, body: [] })],
    ]);
    renderWithProviders(
      <Routes>
        <Route path="/recruiter/postings/:id" element={<PostingDetail />} />
      </Routes>,
      { route: '/recruiter/postings/4', auth: true },
    );
    const form = within(await screen.findByTestId('posting-form'));
    const aiScoring = form.getByRole('switch', { name: 'AI scoring' }) as HTMLInputElement;
    expect(aiScoring.checked).toBe(false);
    fireEvent.click(aiScoring);
    fireEvent.click(form.getByRole('switch', { name: 'Candidates see their scores' }));
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ ai_scoring: true, candidates_see_scores: true }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    await i18n.changeLanguage('ko');
    const saved = within(screen.getByTestId('posting-form')); // the form starts again from the saved posting
    expect(((await saved.findByRole('switch', { name: '지원자에게 점수 공개' })) as HTMLInputElement).checked).toBe(true);
    expect((saved.getByRole('switch', { name: 'AI 채점' }) as HTMLInputElement).checked).toBe(true);
    expect(saved.getByText(/^끄면 답변을 받아 적기만 하고/)).toBeTruthy();
  });
});

describe('review markers where staff see scores', () => {
  it('compares candidates by their final scores, marking each report’s review', async () => {
    const other = { ...staffReport(), id: 2, interview_id: 13, review: { ...staffReport().review, state: 'reviewed' as const, needs_human_review: null, reviewed_by: { id: 7, username: 'kim' }, reviewed_at: '2026-12-01T10:00:00Z' } };
    stub([
      [/GET .*\/job-postings\/4$/, () => ({ status: 200, body: POSTING })],
      [/GET .*\/interviews\?/, () => ({ status: 200, body: [interview(), interview({ id: 13, candidate_id: 10, candidate_full_name: 'Lee Minji', overall_score: 61.5 })] })],
      [/GET .*\/interviews\/12\/report$/, () => ({ status: 200, body: overriddenReport() })],
      [/GET .*\/interviews\/13\/report$/, () => ({ status: 200, body: other })],
    ]);
    renderWithProviders(
      <Routes>
        <Route path="/recruiter/postings/:id/compare" element={<Compare />} />
      </Routes>,
      { route: '/recruiter/postings/4/compare', auth: true },
    );
    const table = await screen.findByTestId('compare-table');
    await waitFor(() => expect(within(table).getAllByTestId('review-marker')).toHaveLength(2));
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(within(first).getByTestId('review-marker').textContent).toBe('Needs review');
    expect(within(second).getByTestId('review-marker').textContent).toBe('Reviewed');
    expect(within(first).getAllByRole('cell').map((cell) => cell.textContent?.replace(/[★\s]|Best in this column/g, ''))).toEqual(['60', '65', '61', '70']);
  });

  it('marks the interview’s overall score as pending review on the interview page', async () => {
    stub([
      [/GET .*\/interviews\/12$/, () => ({ status: 200, body: interview({ overall_score: 70 }) })],
      [/GET .*\/interviews\/12\/transcripts$/, () => ({ status: 200, body: [] })],
      [/GET .*\/interviews\/12\/report$/, () => ({ status: 200, body: overriddenReport() })],
    ]);
    renderWithProviders(
      <Routes>
        <Route path="/recruiter/interviews/:id" element={<InterviewDetail />} />
      </Routes>,
      { route: '/recruiter/interviews/12', auth: true },
    );
    const overall = await screen.findByTestId('interview-overall');
    await waitFor(() => expect(within(overall).getByTestId('review-marker').textContent).toBe('Needs review'));
    expect(overall.textContent).toContain('70');
    expect(await screen.findByTestId('review-panel')).toBeTruthy();
  });
});

describe('report events in the audit trail', () => {
  it('tells a review and an override in words, in both languages', async () => {
    stub([
      [
        /GET .*\/audit-events/,
        () => ({
          status: 200,
          body: [
            {
              id: 9, occurred_at: '2026-12-01T10:05:00Z', actor_id: 7, actor_username: 'kim', organization_id: 3, action: 'report.score_overridden', target_type: 'interview', target_id: 12,
              before: null, after: { scope: 'overall', question_id: null, ai_score: 61.5, previous_score: 65, score: 70, reason: 'Stronger than scored' },
            },
            {
              id: 8, occurred_at: '2026-12-01T10:04:00Z', actor_id: 7, actor_username: 'kim', organization_id: 3, action: 'report.score_overridden', target_type: 'report', target_id: 1,
              before: null, after: { interview_id: 12, scope: 'question', question_id: 31, ai_score: 55, previous_score: 55, score: 60, reason: 'Missed the example' },
            },
            {
              id: 7, occurred_at: '2026-12-01T10:00:00Z', actor_id: 7, actor_username: 'kim', organization_id: 3, action: 'report.reviewed', target_type: 'interview', target_id: 12,
              before: { state: 'pending_review' }, after: { state: 'reviewed', note: 'Checked against the transcript' },
            },
          ],
        }),
      ],
    ]);
    renderWithProviders(<AuditTrail />, { route: '/audit', auth: true });
    const rows = await screen.findAllByTestId('audit-row');
    const overall = within(rows[0]);
    expect(overall.getByText('Score overridden')).toBeTruthy();
    expect(overall.getByTestId('override-summary').textContent).toBe('Overall score: AI: 61.5 → , new score: 70 (was 65)');
    expect(overall.getByText('Stronger than scored')).toBeTruthy();
    expect(overall.getByRole('link', { name: 'Interview #12' }).getAttribute('href')).toBe('/recruiter/interviews/12');
    expect(within(rows[1]).getByTestId('override-summary').textContent).toContain('Question #31: AI: 55');
    expect(within(rows[1]).getByRole('link', { name: 'Report #1' }).getAttribute('href')).toBe('/recruiter/interviews/12');
    expect(within(rows[2]).getByText('Report marked reviewed')).toBeTruthy();
    expect(within(rows[2]).getByText('Checked against the transcript')).toBeTruthy();
    expect(rows[0].querySelector('dl.changes')).toBeNull(); // told in words, not as raw fields
    expect(within(screen.getByLabelText('Action')).getByRole('option', { name: 'Score overridden' })).toBeTruthy();

    await i18n.changeLanguage('ko');
    expect(await within(rows[0]).findByText('점수 조정', { selector: 'strong' })).toBeTruthy();
    expect(within(rows[0]).getByTestId('override-summary').textContent).toContain('종합 점수: AI: 61.5');
    expect(within(rows[2]).getByText('리포트 검토 완료')).toBeTruthy();
  });
});
