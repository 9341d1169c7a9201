import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { setConfig } from '../config';
import i18n from '../i18n';
import { draftKey } from '../lib/drafts';
import { FakeRecorder, FakeSocket, installFakeSynthesis, results } from '../test/fakeSpeech';
import { renderWithProviders } from '../test/render';
import { INTERVIEW_ID, NOTICE, QUESTIONS, roomServer, type RoomServerOptions } from '../test/room';
import { InterviewRoom } from './InterviewRoom';
import { CandidateHome } from './CandidateHome';
import { App } from '../App';

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'mediaDevices');
  await i18n.changeLanguage('en');
});

function openRoom(options: RoomServerOptions = {}) {
  setConfig({ apiUrl: 'http://api.test' });
  const server = roomServer(options);
  vi.stubGlobal('fetch', server.fake.fn);
  const view = renderWithProviders(
    <Routes>
      <Route path="/interviews/:id/room" element={<InterviewRoom />} />
    </Routes>,
    { route: `/interviews/${INTERVIEW_ID}/room` },
  );
  return { ...server, view };
}

async function answer(text: string) {
  fireEvent.change(await screen.findByRole('textbox'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send answer' }));
}

const questionShown = () => screen.getByTestId('question-text').textContent;

describe('the AI notice and consent', () => {
  it('a real interview shows the notice and no question until the candidate agrees; the consent carries the version', async () => {
    const { fake } = openRoom({ interview: { kind: 'real', job_posting_id: 2, organization_id: 4, consent_required: true, consented_at: null, notice_version: 'v3' } });
    expect(await screen.findByText('A person at the company reviews the result.')).toBeTruthy();
    const notice = screen.getByTestId('ai-notice');
    expect(within(notice).getAllByRole('paragraph').length).toBeGreaterThanOrEqual(3); // paragraphs kept
    expect(screen.getByTestId('notice-version').textContent).toBe('Notice version v3');
    expect(screen.queryByTestId('question-text')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'I understand and agree' }));

    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    const consent = fake.calls.find((call) => call.url.endsWith('/consent'));
    expect(consent?.body).toEqual({ version: 'v3' });
    expect(screen.queryByTestId('ai-notice')).toBeNull();
  });

  it('shows a changed notice again (409 notice_changed) and consents to the new version', async () => {
    const { fake } = openRoom({
      interview: { kind: 'real', consent_required: true, consented_at: null, notice_version: 'v3' },
      notices: [
        { status: 200, body: NOTICE },
        { status: 200, body: { ...NOTICE, version: 'v4', text: 'The rewritten notice.' } },
      ],
      consents: [{ status: 409, body: { detail: 'The notice changed: read it again', code: 'notice_changed' } }, { status: 200 }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'I understand and agree' }));
    expect(await screen.findByTestId('notice-changed')).toBeTruthy();
    expect(await screen.findByText('The rewritten notice.')).toBeTruthy();
    expect(screen.queryByText('The notice changed: read it again')).toBeNull();
    expect(screen.queryByTestId('question-text')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'I understand and agree' }));

    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    expect(fake.calls.filter((call) => call.url.endsWith('/consent')).map((call) => call.body)).toEqual([{ version: 'v3' }, { version: 'v4' }]);
  });

  it('practice shows the notice with the same button, and goes on when the consent cannot be recorded', async () => {
    const { fake } = openRoom({ interview: { status: 'scheduled', consented_at: null }, consents: [{ status: 503, body: { detail: 'down', code: 'upstream_error' } }] });
    fireEvent.click(await screen.findByRole('button', { name: 'Begin interview' }));
    const agree = await screen.findByRole('button', { name: 'I understand and agree' });
    expect(screen.getByTestId('ai-notice').textContent).toContain('An AI interviewer asks the questions.');
    expect(screen.queryByTestId('question-text')).toBeNull();

    fireEvent.click(agree);

    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    expect(fake.calls.some((call) => call.method === 'POST' && call.url.endsWith('/consent'))).toBe(true);
    await answer('Indexes make lookups fast.');
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
  });

  it('a practice interview whose notice cannot be read shows the default notice in the reader’s language', async () => {
    openRoom({ interview: { consented_at: null }, notices: [{ status: 500, body: { detail: 'boom' } }] });
    await act(() => i18n.changeLanguage('ko'));
    expect(await screen.findByText(/이 모의 면접은 AI 면접관이 진행합니다/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '이해했으며 동의합니다' }));
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
  });
});

describe('each question shown and spoken', () => {
  it('speaks each question in the interview’s language as it appears; mute is remembered in this browser, replay speaks again', async () => {
    const synthesis = installFakeSynthesis(vi.stubGlobal);
    const first = openRoom({ interview: { language: 'ko' } });
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    await waitFor(() => expect(synthesis.spoken).toEqual([{ text: 'First question about databases?', lang: 'ko-KR' }]));

    const mute = screen.getByRole('button', { name: /Mute the interviewer/ });
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(mute);
    expect(screen.getByRole('button', { name: /Unmute the interviewer/ }).getAttribute('aria-pressed')).toBe('true');
    await answer('Indexes.');
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    expect(synthesis.spoken).toHaveLength(1); // muted: the second question is only shown

    fireEvent.click(screen.getByRole('button', { name: /Hear it again/ }));
    expect(synthesis.spoken.at(-1)).toEqual({ text: 'Second question about teams?', lang: 'ko-KR' });

    // Opened again later: still muted.
    first.view.unmount();
    openRoom({ interview: { language: 'ko' }, transcripts: first.state.transcripts });
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Unmute the interviewer/ }).getAttribute('aria-pressed')).toBe('true');
    expect(synthesis.spoken).toHaveLength(2);
  });

  it('shows a time guide counting down from the posting’s seconds, then a gentle note that never blocks the answer', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    openRoom({ interview: { answer_seconds: 90 } });
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    expect(screen.getByTestId('time-guide').textContent).toContain('Time guide: 1:30 left');
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(screen.getByTestId('time-guide').textContent).toMatch(/Time guide: 1:0\d left/);
    await act(() => vi.advanceTimersByTimeAsync(61_000));
    expect(screen.getByTestId('time-guide').textContent).toContain('The time guide is up: finish your thought, then send your answer.');
    const send = screen.getByRole('button', { name: 'Send answer' }) as HTMLButtonElement;
    expect(send.disabled).toBe(false);
    await answer('Late but complete.');
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
  });
});

describe('follow-ups', () => {
  it('says the interviewer is considering, then asks the follow-up under the same question; its answer has the question’s id', async () => {
    const synthesis = installFakeSynthesis(vi.stubGlobal);
    const { answersPosted } = openRoom({
      pendingReads: 1,
      followUp: (given) => (given.question_id === 31 && given.text === 'It depends.' ? 'Which index would you add, and why?' : null),
    });
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    await answer('It depends.');

    expect(await screen.findByTestId('considering')).toBeTruthy();
    expect(screen.getByText('The interviewer is considering your answer…')).toBeTruthy();
    const followUp = await screen.findByTestId('follow-up');
    expect(within(followUp).getByText('Follow-up')).toBeTruthy();
    expect(within(followUp).getByText('Which index would you add, and why?')).toBeTruthy();
    expect(questionShown()).toContain('First question about databases?'); // under the same question
    expect(screen.getByRole('textbox', { name: 'Your answer to the follow-up' })).toBeTruthy();
    await waitFor(() => expect(synthesis.spoken.at(-1)?.text).toBe('Which index would you add, and why?'));

    await answer('A composite index on (user_id, created_at), to serve the feed query.');

    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    expect(answersPosted()).toEqual([
      { interview_id: 5, speaker: 'User', text: 'It depends.', question_id: 31 },
      { interview_id: 5, speaker: 'User', text: 'A composite index on (user_id, created_at), to serve the feed query.', question_id: 31 },
    ]);
    // The conversation per question: question, answer, follow-up, answer.
    const thread = screen.getAllByTestId('answer-thread')[0];
    expect(thread.textContent).toMatch(/Q1.*First question about databases\?.*It depends\..*Follow-up.*Which index.*composite index/);
  });

  it('stops waiting after about 8 seconds and moves on to the next question', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { fake } = openRoom({ pendingReads: 1000, followUp: () => 'never shown' });
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    await answer('An answer.');
    expect(await screen.findByTestId('considering')).toBeTruthy();
    const reads = () => fake.calls.filter((call) => call.url.endsWith('/transcripts') && call.method === 'GET').length;
    const before = reads();
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(reads()).toBeGreaterThanOrEqual(before + 4); // read about every half second meanwhile
    await act(() => vi.advanceTimersByTimeAsync(6000));
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const after = reads();
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(reads() - after).toBeLessThanOrEqual(7); // back to the slower read (each second) for the sentiment score only
  });
});

describe('nothing lost', () => {
  it('keeps the answer being typed per interview and question, restores it when the room opens again, and removes it once saved', async () => {
    const first = openRoom();
    fireEvent.change(await screen.findByRole('textbox'), { target: { value: 'Half of my answer' } });
    expect(JSON.parse(localStorage.getItem(draftKey(5, 31)) ?? '{}')).toMatchObject({ text: 'Half of my answer' });
    first.view.unmount();

    openRoom();
    expect(((await screen.findByRole('textbox')) as HTMLTextAreaElement).value).toBe('Half of my answer');
    expect(screen.getByTestId('draft-restored').textContent).toContain('Your unsent answer was kept');
    await answer('Half of my answer, and the rest.');
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    expect(localStorage.getItem(draftKey(5, 31))).toBeNull();
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps what speech recognition heard so far with the draft', async () => {
    const getUserMedia = vi.fn(async () => ({ getTracks: () => [{ stop: vi.fn() }] }));
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
    vi.stubGlobal('MediaRecorder', FakeRecorder);
    vi.stubGlobal('WebSocket', FakeSocket);
    FakeSocket.instances = [];
    const grant = { available: true, access_token: 'jwt', expires_in: 60, websocket_url: 'ws://deepgram.test/v1/listen', model: 'nova-3', language: 'en', reason: null };
    const first = openRoom({ interview: { voice_answers: true }, routes: [[/POST .*\/stt\/token$/, () => ({ status: 200, body: grant })]] });
    fireEvent.change(await screen.findByRole('textbox'), { target: { value: 'Typed first.' } });
    fireEvent.click(await screen.findByRole('button', { name: /Answer by voice/ }));
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    act(() => FakeSocket.instances[0].open());
    act(() => FakeSocket.instances[0].message(results('Then I said this', false)));
    await waitFor(() => expect(JSON.parse(localStorage.getItem(draftKey(5, 31)) ?? '{}')).toEqual({ text: 'Typed first.', partial: 'Then I said this' }));
    first.view.unmount();

    openRoom({ interview: { voice_answers: true }, routes: [[/POST .*\/stt\/token$/, () => ({ status: 200, body: grant })]] });
    expect(((await screen.findByRole('textbox')) as HTMLTextAreaElement).value).toBe('Typed first. Then I said this');
  });

  it('opens at the question whose answer was being typed, even one skipped before a later answer', async () => {
    // Question 1 skipped, question 2 answered, then back to question 1 and half an answer typed
    // there when the sign-in ended: signing in again opens question 1 with it, not question 3.
    localStorage.setItem(draftKey(5, 31), JSON.stringify({ text: 'My answer to the first, half typed', partial: '' }));
    const answered = { interview_id: 5, speaker: 'User', timestamp: '2026-01-01T00:00:40Z', sentiment_score: 0.3, emotion: 'neutral', follow_up_state: 'none', follow_up_of: null } as const;
    openRoom({ transcripts: [{ ...answered, id: 90, text: 'Two.', question_id: 32, order: 4 }] });
    expect(((await screen.findByRole('textbox')) as HTMLTextAreaElement).value).toBe('My answer to the first, half typed');
    expect(questionShown()).toContain('First question about databases?');
    expect(screen.getByTestId('draft-restored')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Question 1: current' })).toBeTruthy();
    await answer('My answer to the first, in full.');
    expect(await screen.findByText('Third question about incidents?')).toBeTruthy();
    expect(localStorage.getItem(draftKey(5, 31))).toBeNull();
  });

  it('removes the interview’s drafts when it is finished', async () => {
    localStorage.setItem(draftKey(5, 33), JSON.stringify({ text: 'an unsent draft', partial: '' }));
    localStorage.setItem(draftKey(6, 40), JSON.stringify({ text: 'another interview', partial: '' }));
    openRoom();
    fireEvent.click(await screen.findByRole('button', { name: 'Finish interview' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Finish anyway' }));
    await waitFor(() => expect(localStorage.getItem(draftKey(5, 33))).toBeNull());
    expect(localStorage.getItem(draftKey(6, 40))).not.toBeNull();
  });
});

describe('skip and return', () => {
  it('lists the questions, lets a skipped one be opened again, and says how many are unanswered before finishing', async () => {
    const { fake } = openRoom();
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Questions' });
    expect(within(nav).getByRole('button', { name: 'Question 1: current' }).getAttribute('aria-current')).toBe('step');
    fireEvent.click(screen.getByRole('button', { name: 'Skip question' }));
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    expect(within(nav).getByRole('button', { name: 'Question 1: skipped' })).toBeTruthy();
    await answer('Two.');
    expect(await screen.findByText('Third question about incidents?')).toBeTruthy();
    await answer('Three.');

    // The end: 1 of 3 unanswered, said so (never "you answered every question").
    const end = await screen.findByTestId('end-unanswered');
    expect(end.textContent).toContain('1 of 3 questions are unanswered');
    expect(screen.queryByText(/You answered every question/)).toBeNull();
    expect(within(nav).getByRole('button', { name: 'Question 2: answered' })).toBeTruthy();
    expect(screen.getByTestId('progress').dataset.answered).toBe('2');

    fireEvent.click(screen.getByRole('button', { name: 'Finish interview' }));
    expect(screen.getByTestId('finish-confirm').textContent).toContain('1 of 3 questions are unanswered');
    fireEvent.click(screen.getByRole('button', { name: 'Keep answering' }));
    expect(fake.calls.some((call) => call.url.endsWith('/complete'))).toBe(false);

    fireEvent.click(within(nav).getByRole('button', { name: 'Question 1: skipped' }));
    expect(questionShown()).toContain('First question about databases?');
    await answer('One, after all.');
    expect(await screen.findByText('You answered every question. Finish the interview to get your report.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Finish interview' }));
    await waitFor(() => expect(fake.calls.some((call) => call.method === 'POST' && call.url.endsWith('/complete'))).toBe(true));
    expect(screen.queryByTestId('finish-confirm')).toBeNull();
  });

  it('after a reload, the questions skipped before the last answer are skipped still, and the room resumes after it', async () => {
    const answered = { interview_id: 5, speaker: 'User', timestamp: '2026-01-01T00:00:40Z', sentiment_score: 0.3, emotion: 'neutral', follow_up_state: 'none', follow_up_of: null } as const;
    openRoom({ transcripts: [{ ...answered, id: 90, text: 'Two.', question_id: 32, order: 4 }] });
    expect(await screen.findByText('Third question about incidents?')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Question 1: skipped' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Question 2: answered' })).toBeTruthy();
  });
});

describe('a follow-up skipped before a reload', () => {
  it('stays skipped: the room resumes at the next question, and the follow-up can be opened again', async () => {
    const line = { interview_id: 5, timestamp: '2026-01-01T00:00:40Z', sentiment_score: 0.3, emotion: 'neutral' } as const;
    openRoom({
      transcripts: [
        { ...line, id: 90, speaker: 'User', text: 'One.', question_id: 31, order: 4, follow_up_state: 'asked', follow_up_of: null },
        { ...line, id: 91, speaker: 'AI', text: 'Could you give an example?', question_id: 31, order: 5, follow_up_state: null, follow_up_of: 90, sentiment_score: null, emotion: null },
        { ...line, id: 92, speaker: 'User', text: 'Two.', question_id: 32, order: 6, follow_up_state: 'none', follow_up_of: null },
      ],
    });
    expect(await screen.findByText('Third question about incidents?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Question 1: answered, a follow-up waits' }));
    expect(await screen.findByRole('button', { name: 'Skip the follow-up' })).toBeTruthy();
    expect(questionShown()).toContain('First question about databases?');
  });
});

describe('honest states', () => {
  it('the live sentiment says "scoring…" until the answer has a score, then shows the meter', async () => {
    openRoom({ score: 0.6, scoreReads: 1 });
    await answer('A good answer.');
    const live = await screen.findByTestId('live-sentiment');
    expect(within(live).getByText('Scoring…')).toBeTruthy();
    expect(within(live).queryByRole('meter')).toBeNull();
    await waitFor(() => expect(within(live).getByRole('meter').getAttribute('aria-valuenow')).toBe('0.6'), { timeout: 4000 });
    expect(within(live).queryByText('Scoring…')).toBeNull();
  });

  it('offers voice only when the platform has it, and never shows why not', async () => {
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: vi.fn() } });
    vi.stubGlobal('MediaRecorder', FakeRecorder);
    vi.stubGlobal('WebSocket', FakeSocket);
    const off = openRoom({ interview: { status: 'scheduled', voice_answers: false } });
    expect(await screen.findByText(/Type your answer, check it and send it/)).toBeTruthy();
    expect(screen.queryByText(/by voice/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Begin interview' }));
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Answer by voice/ })).toBeNull();
    expect(screen.queryByTestId('voice-unavailable')).toBeNull();
    expect(off.fake.calls.some((call) => call.url.endsWith('/stt/token'))).toBe(false);
    off.view.unmount();

    const grant = { available: true, access_token: 'jwt', expires_in: 60, websocket_url: 'ws://deepgram.test/v1/listen', model: 'nova-3', language: 'en', reason: null };
    openRoom({ interview: { voice_answers: true }, routes: [[/POST .*\/stt\/token$/, () => ({ status: 200, body: grant })]] });
    expect(await screen.findByRole('button', { name: /Answer by voice/ })).toBeTruthy();
  });

  it('a scheduled interview that opens later says when, instead of a start button', async () => {
    const opens = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    openRoom({ interview: { kind: 'real', status: 'scheduled', opens_at: opens, consent_required: true, consented_at: null } });
    expect((await screen.findByTestId('opens-later')).textContent).toContain('This interview opens on');
    expect(screen.queryByRole('button', { name: 'Begin interview' })).toBeNull();
  });

  it('translates the server’s not_open_yet instead of showing its English words in the Korean screen', async () => {
    openRoom({
      interview: { status: 'scheduled' },
      routes: [[/POST .*\/interviews\/5\/start$/, () => ({ status: 409, body: { detail: 'Interview 5 opens at 2027-01-01T09:00:00Z', code: 'not_open_yet' } })]],
    });
    await act(() => i18n.changeLanguage('ko'));
    fireEvent.click(await screen.findByRole('button', { name: '면접 시작' }));
    expect(await screen.findByText('아직 열리지 않은 면접입니다. 열리는 시간에 다시 와 주세요.')).toBeTruthy();
    expect(screen.queryByText(/opens at/)).toBeNull();
  });

  it('the candidate’s list shows when a scheduled interview opens instead of a way in', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    const later = roomServer({ interview: { id: 7, status: 'scheduled', opens_at: new Date(Date.now() + 86_400_000).toISOString() } }).state.interview;
    const now = roomServer({ interview: { id: 8, status: 'scheduled', opens_at: new Date(Date.now() - 60_000).toISOString() } }).state.interview;
    const { fakeFetch } = await import('../test/render');
    vi.stubGlobal(
      'fetch',
      fakeFetch([
        [/GET .*\/interviews\?/, () => ({ status: 200, body: [later, now] })],
        [/GET .*\/job-postings/, () => ({ status: 200, body: [] })],
      ]).fn,
    );
    renderWithProviders(<CandidateHome />);
    const items = await screen.findAllByTestId('my-interview');
    const byId = (id: number) => items.find((item) => item.dataset.id === String(id)) as HTMLElement;
    expect(within(byId(7)).getByTestId('opens-at').textContent).toMatch(/^Opens /);
    expect(within(byId(7)).queryByRole('link')).toBeNull();
    expect(within(byId(8)).getByRole('link', { name: 'Enter interview room' })).toBeTruthy();
  });
});

describe('the questions', () => {
  it('are numbered by their real number in the interview, whatever was skipped', async () => {
    openRoom({ questions: [...QUESTIONS].reverse() }); // the API's list order is not the asking order
    expect(await screen.findByText('First question about databases?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Skip question' }));
    await answer('Two.');
    await screen.findByText('Third question about incidents?');
    const threads = screen.getAllByTestId('answer-thread');
    expect(threads.map((item) => item.dataset.question)).toEqual(['2']);
    expect(threads[0].textContent).toContain('Q2');
  });
});

describe('the end of the sign-in', () => {
  it('warns 5 minutes before, then sends the candidate to sign in and back to the room with the draft', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    setConfig({ apiUrl: 'http://api.test' });
    const user = { id: 1, username: 'kim', email: 'kim@example.com', role: 'candidate', full_name: 'Kim', created_at: '2026-01-01T00:00:00Z', organization: null };
    let ended = false;
    const sessionEnd = () => new Date(Date.now() + 10 * 60_000).toISOString();
    let end = sessionEnd();
    const server = roomServer({
      routes: [
        [
          /POST \/auth\/refresh$/,
          () =>
            ended
              ? { status: 401, body: { detail: 'The session has ended; sign in again', code: 'session_ended' } }
              : { status: 200, body: { access_token: 'first', expires_in: 1800, session_expires_at: end } },
        ],
        [/POST http:\/\/api\.test\/token$/, () => ({ status: 200, body: { access_token: 'second', expires_in: 1800, session_grant: 'grant-2' } })],
        [/POST \/auth\/session$/, () => ((end = sessionEnd()), { status: 200, body: { access_token: 'second', expires_in: 1800, session_expires_at: end } })],
        [/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: user })],
      ],
    });
    vi.stubGlobal('fetch', server.fake.fn);
    renderWithProviders(<App />, { route: `/interviews/${INTERVIEW_ID}/room`, auth: true });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Your answer' }), { target: { value: 'An answer being typed' } });
    expect(screen.queryByTestId('session-warning')).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(5 * 60_000 + 20_000));
    expect((await screen.findByTestId('session-warning')).textContent).toContain(
      'Your sign-in ends in about 5 min. Your draft is kept: sign in again to continue.',
    );

    ended = true;
    await act(() => vi.advanceTimersByTimeAsync(5 * 60_000));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByTestId('draft-kept')).toBeTruthy();
    expect(screen.getByText('Your session has ended. Please sign in again.')).toBeTruthy();

    ended = false;
    fireEvent.change(screen.getByLabelText('Username or email'), { target: { value: 'kim' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pass-phrase-42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const box = (await screen.findByRole('textbox', { name: 'Your answer' })) as HTMLTextAreaElement;
    expect(box.value).toBe('An answer being typed');
    expect(screen.getByTestId('draft-restored')).toBeTruthy();
    expect(screen.queryByTestId('session-warning')).toBeNull(); // a new sign-in, a new end
  });
});
