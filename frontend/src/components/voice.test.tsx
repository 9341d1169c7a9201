import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { setConfig } from '../config';
import i18n from '../i18n';
import { FakeRecorder, FakeSocket, results } from '../test/fakeSpeech';
import { fakeFetch, renderWithProviders } from '../test/render';
import { VoiceAnswer } from './VoiceAnswer';

const GRANT = {
  available: true,
  access_token: 'temporary.jwt',
  expires_in: 60,
  websocket_url: 'ws://deepgram.test/v1/listen',
  model: 'nova-3',
  language: 'en',
  reason: null,
};

let getUserMedia: ReturnType<typeof vi.fn>;
const track = { stop: vi.fn() };

/** A browser that records: getUserMedia, MediaRecorder and WebSocket (fakes). */
function browserWithMicrophone() {
  getUserMedia = vi.fn(async () => ({ getTracks: () => [track] }));
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
  vi.stubGlobal('MediaRecorder', FakeRecorder);
  vi.stubGlobal('WebSocket', FakeSocket);
}

function renderVoice(token: unknown) {
  setConfig({ apiUrl: 'http://api.test' });
  const fake = fakeFetch([[/POST .*\/stt\/token$/, () => ({ status: 200, body: token })]]);
  vi.stubGlobal('fetch', fake.fn);
  const onText = vi.fn();
  const onBusyChange = vi.fn();
  const onPartial = vi.fn();
  renderWithProviders(<VoiceAnswer interviewId={7} onText={onText} onBusyChange={onBusyChange} onPartial={onPartial} />);
  return { fake, onText, onBusyChange, onPartial };
}

beforeEach(() => {
  FakeSocket.instances = [];
  FakeRecorder.instances = [];
  track.stop.mockClear();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'mediaDevices');
  await i18n.changeLanguage('en');
});

describe('VoiceAnswer', () => {
  it('says answers are typed when the server has no Deepgram key, never why (a configuration message)', async () => {
    browserWithMicrophone();
    const { fake } = renderVoice({ available: false, reason: 'Voice input is not configured on this server (no DEEPGRAM_API_KEY): type the answers' });
    expect(await screen.findByText('Voice answers are not available on this server: type your answers.')).toBeTruthy();
    expect(screen.queryByText(/DEEPGRAM_API_KEY/)).toBeNull();
    expect(screen.queryByRole('button', { name: /Answer by voice/ })).toBeNull();
    expect(fake.calls[0].body).toEqual({ interview_id: 7 });
    await act(() => i18n.changeLanguage('ko'));
    expect(screen.getByText('이 서버에서는 음성 답변을 쓸 수 없습니다. 답변을 입력해 주세요.')).toBeTruthy();
  });

  it('says answers are typed when the browser cannot record, without asking for a token', () => {
    const { fake } = renderVoice(GRANT); // jsdom has no MediaRecorder nor getUserMedia
    expect(screen.getByTestId('voice-unavailable').textContent).toContain('This browser cannot record audio: type your answers.');
    expect(fake.calls).toHaveLength(0);
  });

  it('streams to Deepgram with the granted token, shows the partial text and puts the final text in the answer box', async () => {
    browserWithMicrophone();
    const { onText, onBusyChange, onPartial, fake } = renderVoice(GRANT);
    fireEvent.click(await screen.findByRole('button', { name: /Answer by voice/ }));
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    const socket = FakeSocket.instances[0];
    expect(socket.protocols).toEqual(['bearer', 'temporary.jwt']);
    expect(socket.url).toMatch(/^ws:\/\/deepgram\.test\/v1\/listen\?model=nova-3&language=en&interim_results=true/);
    expect(fake.calls).toHaveLength(1); // the availability check's token was used
    act(() => socket.open());
    expect(await screen.findByText('Listening: speak your answer.')).toBeTruthy();
    expect(FakeRecorder.instances[0].mimeType).toBe('audio/webm;codecs=opus');
    expect(onBusyChange).toHaveBeenLastCalledWith(true);

    act(() => socket.message(results('I built', false)));
    expect(screen.getByTestId('voice-interim').textContent).toBe('I built');
    act(() => socket.message(results('I built REST APIs.', true)));
    act(() => socket.message(results('With', false)));
    expect(screen.getByTestId('voice-final').textContent).toBe('I built REST APIs. ');
    expect(screen.getByTestId('voice-interim').textContent).toBe('With');
    // What was heard so far, for the room to keep with the draft.
    expect(onPartial).toHaveBeenLastCalledWith('I built REST APIs. With');

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(await screen.findByText('Paused. Resume when you are ready.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop and review' }));
    expect(await screen.findByText('Finishing the transcript…')).toBeTruthy();
    await waitFor(() => expect(socket.texts()).toEqual([JSON.stringify({ type: 'CloseStream' })]));
    act(() => {
      socket.message(results('With FastAPI.', true));
      socket.serverClose(1000);
    });
    expect(await screen.findByTestId('voice-done')).toBeTruthy();
    expect(onText).toHaveBeenCalledWith('I built REST APIs. With FastAPI.');
    expect(onPartial).toHaveBeenLastCalledWith(''); // now in the answer box
    expect(onBusyChange).toHaveBeenLastCalledWith(false);
    expect(track.stop).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /Answer by voice/ })).toBeTruthy();
  });

  it('explains a refused microphone and offers typing', async () => {
    browserWithMicrophone();
    getUserMedia.mockRejectedValue(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }));
    renderVoice(GRANT);
    fireEvent.click(await screen.findByRole('button', { name: /Answer by voice/ }));
    const alert = await screen.findByTestId('voice-error');
    expect(alert.textContent).toContain('Microphone access was denied');
    expect(alert.textContent).toContain('You can type your answer instead.');
    expect(FakeSocket.instances).toHaveLength(0);
  });

  it('keeps what was heard when the connection drops', async () => {
    browserWithMicrophone();
    const { onText } = renderVoice(GRANT);
    fireEvent.click(await screen.findByRole('button', { name: /Answer by voice/ }));
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    const socket = FakeSocket.instances[0];
    act(() => socket.open());
    await screen.findByText('Listening: speak your answer.');
    act(() => socket.message(results('I led the migration', true)));
    act(() => socket.serverClose(1011, 'NET-0001'));
    expect((await screen.findByTestId('voice-error')).textContent).toContain('The connection to speech recognition closed (NET-0001)');
    expect(onText).toHaveBeenCalledWith('I led the migration');
  });
});
