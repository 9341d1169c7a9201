import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { setConfig } from '../config';
import { fakeFetch, renderWithProviders } from '../test/render';
import { ReportLoader } from './ReportView';
import { SentimentBadge, SentimentMeter } from './Sentiment';
import { BarChart } from './Charts';
import { EmotionsSection } from './ReportParts';
import { staffReport } from '../test/reports';

afterEach(() => vi.unstubAllGlobals());

const REPORT = staffReport();

describe('SentimentBadge', () => {
  it('says "analysing" until the answer is scored, then the level and the emotion', () => {
    const { rerender } = render(<SentimentBadge score={null} emotion={null} />);
    expect(screen.getByTestId('sentiment')).toHaveProperty('dataset.level', 'pending');
    expect(screen.getByTestId('sentiment').textContent).toContain('Analysing');
    rerender(<SentimentBadge score={0.57} emotion="happy" />);
    expect(screen.getByTestId('sentiment').textContent).toContain('Positive (0.57)');
    expect(screen.getByTestId('sentiment').textContent).toContain('Happy');
  });
});

describe('SentimentMeter', () => {
  it('says "scoring…" until the answer has a score, instead of an empty (most negative) meter', () => {
    const { rerender } = render(<SentimentMeter score={null} />);
    expect(screen.getByTestId('sentiment-scoring').textContent).toContain('Scoring…');
    expect(screen.queryByRole('meter')).toBeNull();
    rerender(<SentimentMeter score={-1} />);
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('-1');
    expect(screen.queryByTestId('sentiment-scoring')).toBeNull();
  });
});

describe('the report’s sentiment chart', () => {
  const line = (over: Record<string, unknown>) => ({
    interview_id: 5, text: 'x', timestamp: '2026-01-01T00:00:00Z', sentiment_score: null, emotion: null, follow_up_state: null, follow_up_of: null, ...over,
  });
  it('names each answer by its question’s real number (a skipped one leaves a gap) and a follow-up’s answer as such', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    const transcripts = [
      line({ id: 1, speaker: 'AI', question_id: 31, order: 1 }),
      line({ id: 2, speaker: 'AI', question_id: 32, order: 2 }),
      line({ id: 3, speaker: 'AI', question_id: 33, order: 3 }),
      line({ id: 4, speaker: 'User', question_id: 32, order: 4, sentiment_score: 0.2, follow_up_state: 'asked' }),
      line({ id: 5, speaker: 'AI', question_id: 32, order: 5, follow_up_of: 4 }),
      line({ id: 6, speaker: 'User', question_id: 32, order: 6, sentiment_score: 0.4 }),
      line({ id: 7, speaker: 'User', question_id: 33, order: 7, sentiment_score: -0.1 }),
    ];
    vi.stubGlobal('fetch', fakeFetch([[/GET .*\/interviews\/5\/transcripts$/, () => ({ status: 200, body: transcripts })]]).fn);
    const timeline = [4, 6, 7].map((id, index) => ({ order: index, transcript_id: id, sentiment_score: 0.1 * index, emotion: null }));
    renderWithProviders(<EmotionsSection interviewId={5} emotions={{ timeline }} />);
    const chart = screen.getByTestId('report-sentiment-chart');
    await waitFor(() => expect([...chart.querySelectorAll('text.chart-axis')].slice(5).map((node) => node.textContent)).toEqual(['Q2', 'Q2+', 'Q3']));
    expect(screen.getByText(/the answer to a follow-up question/)).toBeTruthy();
  });
  it('without the transcript numbers the answers, never guessing a question', () => {
    const timeline = [{ order: 1, transcript_id: 9, sentiment_score: 0.3, emotion: null }];
    renderWithProviders(<EmotionsSection emotions={{ timeline }} />);
    expect([...screen.getByTestId('report-sentiment-chart').querySelectorAll('text.chart-axis')].slice(5).map((node) => node.textContent)).toEqual(['Answer 1']);
  });
});

describe('BarChart', () => {
  it('is an image with a label and prints each value', () => {
    render(<BarChart label="Scores" items={[{ label: 'Technical', value: 61.5 }, { label: 'Q2', value: null }]} />);
    expect(screen.getByRole('img', { name: 'Scores' })).toBeTruthy();
    expect(screen.getByText('61.5')).toBeTruthy();
    expect(screen.getByText('–')).toBeTruthy();
  });
});

describe('ReportLoader', () => {
  it('shows progress while the report is being written (202), then the scores, evidence and charts', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    let calls = 0;
    const fake = fakeFetch([
      [/GET .*\/interviews\/5\/report$/, () => (++calls === 1 ? { status: 202, body: { status: 'pending', retry_after: 1 }, headers: { 'Retry-After': '1' } } : { status: 200, body: REPORT })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    renderWithProviders(<ReportLoader interviewId={5} />);
    expect(await screen.findByTestId('report-pending')).toBeTruthy();
    expect(await screen.findByTestId('report', {}, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByTestId('overall-score').textContent).toContain('61.5');
    expect(screen.getByText('Solid technical answers.')).toBeTruthy();
    expect(screen.getAllByTestId('evidence')).toHaveLength(1); // the repeated quote is shown once
    expect(screen.getByText('Not answered')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Score per question (out of 100)' })).toBeTruthy();
    expect(calls).toBe(2);
  });
  it('says the interview is not finished on 409', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    vi.stubGlobal('fetch', fakeFetch([[/report$/, () => ({ status: 409, body: { detail: 'not completed' } })]]).fn);
    renderWithProviders(<ReportLoader interviewId={5} />);
    expect(await screen.findByText('The interview is not finished yet, so there is no report.')).toBeTruthy();
  });
});
