import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import type { Transcript } from '../api/types';
import { setConfig } from '../config';
import { draftKey } from '../lib/drafts';
import { FakeRecorder, FakeSocket, results } from '../test/fakeSpeech';
import { renderWithProviders } from '../test/render';
import { INTERVIEW_ID, roomServer, type RoomServerOptions } from '../test/room';
import { InterviewRoom } from './InterviewRoom';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'mediaDevices');
  Reflect.deleteProperty(document, 'visibilityState');
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

/** Types `text` key by key into the answer box. */
async function type(text: string) {
  const box = (await screen.findByRole('textbox')) as HTMLTextAreaElement;
  for (const key of text) {
    fireEvent.keyDown(box, { key });
    fireEvent.change(box, { target: { value: box.value + key } });
  }
  return box;
}

function paste(box: HTMLTextAreaElement, text: string) {
  fireEvent.paste(box, { clipboardData: { getData: (format: string) => (format === 'text' ? text : '') } });
  fireEvent.change(box, { target: { value: box.value + text } });
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  fireEvent(document, new Event('visibilitychange'));
}

const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send answer' }));
type Posted = { text: string; signals?: Record<string, number> };

describe('integrity signals sent with a typed answer', () => {
  it('typing then sending posts the keystrokes and nothing pasted', async () => {
    const { answersPosted } = openRoom();
    await type('Indexes.');
    send();
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const [posted] = answersPosted() as Posted[];
    expect(posted.text).toBe('Indexes.');
    expect(posted.signals).toMatchObject({ keystrokes: 8, pasted_chars: 0, paste_events: 0, blur_events: 0, blur_ms: 0 });
    expect(posted.signals?.typing_ms).toBeGreaterThanOrEqual(0);
  });

  it('a paste posts the pasted text’s length and one paste', async () => {
    const { answersPosted } = openRoom();
    const box = await type('I ');
    paste(box, 'would shard the table by customer.');
    send();
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const [posted] = answersPosted() as Posted[];
    expect(posted.signals).toMatchObject({ keystrokes: 2, pasted_chars: 'would shard the table by customer.'.length, paste_events: 1 });
  });

  it('the tab hidden then visible while answering posts one time away, with its length', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { answersPosted } = openRoom();
    await type('Half');
    act(() => setVisibility('hidden'));
    act(() => void fireEvent.blur(window)); // both at once: the window left once
    await act(() => vi.advanceTimersByTimeAsync(4_000));
    act(() => setVisibility('visible'));
    act(() => void fireEvent.focus(window));
    await type(' done.');
    send();
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const [posted] = answersPosted() as Posted[];
    expect(posted.signals?.blur_events).toBe(1);
    expect(posted.signals?.blur_ms).toBeGreaterThan(0);
  });

  it('the next answer starts from zero', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { answersPosted } = openRoom();
    const box = await type('One ');
    paste(box, 'pasted words');
    act(() => setVisibility('hidden'));
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    act(() => setVisibility('visible'));
    send();
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    await type('Two');
    send();
    expect(await screen.findByText('Third question about incidents?')).toBeTruthy();
    const [first, second] = answersPosted() as Posted[];
    expect(first.signals).toMatchObject({ keystrokes: 4, paste_events: 1, blur_events: 1 });
    expect(second.signals).toMatchObject({ keystrokes: 3, pasted_chars: 0, paste_events: 0, blur_events: 0, blur_ms: 0 });
  });

  it('a retry of the same answer sends the same signals with the same key', async () => {
    let posts = 0;
    const saved: Transcript = {
      id: 300,
      interview_id: INTERVIEW_ID,
      speaker: 'User',
      text: 'Retried.',
      timestamp: '2026-01-01T00:00:40Z',
      sentiment_score: null,
      emotion: null,
      question_id: 31,
      order: 1,
      follow_up_state: 'none',
      follow_up_of: null,
    };
    const { answersPosted, fake } = openRoom({
      routes: [[/POST .*\/transcripts$/, () => (posts++ === 0 ? { status: 500, body: { detail: 'boom' } } : { status: 201, body: saved })]],
    });
    const box = await type('Retried.');
    send();
    expect(await screen.findByRole('alert')).toBeTruthy(); // not saved: the candidate sends again
    fireEvent.keyDown(box, { key: 'ArrowLeft' }); // more keys, the same answer
    send();
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const [first, retry] = answersPosted() as Posted[];
    expect(first.signals?.keystrokes).toBe(8);
    expect(retry.signals).toEqual(first.signals);
    const keys = fake.calls.filter((call) => call.method === 'POST' && call.url.endsWith('/transcripts')).map((call) => call.headers['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('a draft put back after a reload sends what came since, and no typing time', async () => {
    localStorage.setItem(draftKey(5, 31), JSON.stringify({ text: 'Typed before the reload', partial: '' }));
    const { answersPosted } = openRoom();
    expect(((await screen.findByRole('textbox')) as HTMLTextAreaElement).value).toBe('Typed before the reload');
    await type('.');
    send();
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const [posted] = answersPosted() as Posted[];
    expect(posted.text).toBe('Typed before the reload.');
    expect(posted.signals).toEqual({ keystrokes: 1, pasted_chars: 0, paste_events: 0, blur_events: 0, blur_ms: 0 });
  });

  it('an answer given by voice sends no signals', async () => {
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: vi.fn(async () => ({ getTracks: () => [{ stop: vi.fn() }] })) } });
    vi.stubGlobal('MediaRecorder', FakeRecorder);
    vi.stubGlobal('WebSocket', FakeSocket);
    FakeSocket.instances = [];
    const grant = { available: true, access_token: 'jwt', expires_in: 60, websocket_url: 'ws://deepgram.test/v1/listen', model: 'nova-3', language: 'en', reason: null };
    const { answersPosted } = openRoom({ interview: { voice_answers: true }, routes: [[/POST .*\/stt\/token$/, () => ({ status: 200, body: grant })]] });
    await type('So ');
    fireEvent.click(await screen.findByRole('button', { name: /Answer by voice/ }));
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    const socket = FakeSocket.instances[0];
    act(() => socket.open());
    act(() => socket.message(results('I said the rest.', true)));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop and review' }));
    await waitFor(() => expect(socket.texts()).toEqual([JSON.stringify({ type: 'CloseStream' })]));
    act(() => socket.serverClose(1000));
    expect(await screen.findByTestId('voice-done')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('So I said the rest.'));
    send();
    expect(await screen.findByText('Second question about teams?')).toBeTruthy();
    const [posted] = answersPosted() as Posted[];
    expect(posted.text).toBe('So I said the rest.');
    expect(posted).not.toHaveProperty('signals');
  });
});
