import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { setConfig } from '../config';
import { fakeFetch, renderWithProviders } from '../test/render';
import { ReportLoader } from './ReportView';
import { SentimentBadge } from './Sentiment';
import { BarChart } from './Charts';
import { InterviewRoom } from '../pages/InterviewRoom';
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

describe('InterviewRoom', () => {
  it('starts the interview, shows one question at a time and saves typed answers with their question id', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    let status = 'scheduled';
    const saved: unknown[] = [];
    const interview = () => ({
      id: 5, candidate_id: 1, job_posting_id: null, position: 'Backend Developer', language: 'en', status,
      scheduled_time: null, start_time: null, end_time: null, overall_score: null, emotion_summary: null, created_at: '2026-01-01T00:00:00Z',
    });
    const questions = [
      { id: 31, content: 'First question about databases?', category: 'technical', difficulty: 'easy', position: null, language: 'en', order: 1 },
      { id: 32, content: 'Second question about teams?', category: 'behavioral', difficulty: 'easy', position: null, language: 'en', order: 2 },
    ];
    const fake = fakeFetch([
      [/GET .*\/interviews\/5$/, () => ({ status: 200, body: interview() })],
      [/GET .*\/interviews\/5\/questions$/, () => ({ status: 200, body: questions })],
      [/GET .*\/interviews\/5\/transcripts$/, () => ({ status: 200, body: saved })],
      [/POST .*\/interviews\/5\/start$/, () => ((status = 'live'), { status: 200, body: interview() })],
      [
        /POST .*\/transcripts$/,
        () => {
          const row = { id: 100 + saved.length, interview_id: 5, speaker: 'User', text: 'x', timestamp: '2026-01-01T00:00:00Z', sentiment_score: 0.5, emotion: 'happy', question_id: 31, order: 3 };
          saved.push(row);
          return { status: 201, body: row };
        },
      ],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    renderWithProviders(
      <Routes>
        <Route path="/interviews/:id/room" element={<InterviewRoom />} />
      </Routes>,
      { route: '/interviews/5/room' },
    );
    expect(await screen.findByText(/Answer by voice or by typing/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Begin interview' }));
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    // jsdom cannot record: the room says the answers are typed (and asks for no speech token).
    expect(screen.getByTestId('voice-unavailable').textContent).toContain('This browser cannot record audio: type your answers.');
    expect(fake.calls.some((call) => call.url.endsWith('/stt/token'))).toBe(false);
    expect(screen.queryByText('Second question about teams?')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(await screen.findByText('Please type an answer first.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: 'Indexes make lookups fast.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const post = fake.calls.find((call) => call.method === 'POST' && call.url.endsWith('/transcripts'));
    expect(post?.body).toEqual({ interview_id: 5, speaker: 'User', text: 'Indexes make lookups fast.', question_id: 31 });
    await waitFor(() => expect(screen.getByTestId('live-sentiment').textContent).toContain('Positive (0.50)'));
  });
  it('shows not found for an interview the API will not give', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    vi.stubGlobal('fetch', fakeFetch([[/interviews\/9$/, () => ({ status: 404, body: { detail: 'Interview 9 not found' } })]]).fn);
    renderWithProviders(
      <Routes>
        <Route path="/interviews/:id/room" element={<InterviewRoom />} />
      </Routes>,
      { route: '/interviews/9/room' },
    );
    expect(await screen.findByTestId('not-found')).toBeTruthy();
  });
});
