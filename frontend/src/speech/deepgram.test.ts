import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CLOSE_STREAM,
  KEEP_ALIVE,
  LiveTranscriber,
  TokenSource,
  TranscriberError,
  TranscriptAccumulator,
  listenProtocols,
  listenUrl,
  parseMessage,
  type SttGrant,
  type TranscriberSnapshot,
} from './deepgram';
import { FakeRecorder, FakeSocket, results } from '../test/fakeSpeech';

const grant = (token: string, expiresIn = 60): SttGrant => ({
  access_token: token,
  expires_in: expiresIn,
  websocket_url: 'ws://deepgram.test/v1/listen',
  model: 'nova-3',
  language: 'ko',
});

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup({ micError, grants = [grant('t1'), grant('t2'), grant('t3')] }: { micError?: unknown; grants?: SttGrant[] } = {}) {
  let clock = 1_000_000;
  const tracks = [{ stopped: false, stop() { this.stopped = true; } }];
  const recorders: FakeRecorder[] = [];
  const fetchGrant = vi.fn(async () => {
    const next = grants.shift();
    if (!next) throw new Error('no more grants');
    return next;
  });
  const tokens = new TokenSource(fetchGrant, () => clock);
  const snapshots: TranscriberSnapshot[] = [];
  const unexpected: { error: TranscriberError; text: string }[] = [];
  const transcriber = new LiveTranscriber({
    tokens,
    openMicrophone: async () => {
      if (micError) throw micError;
      return { getTracks: () => tracks };
    },
    createSocket: (url, protocols) => new FakeSocket(url, protocols),
    createRecorder: () => {
      const recorder = new FakeRecorder();
      recorders.push(recorder);
      return recorder;
    },
    onChange: (snapshot) => snapshots.push(snapshot),
    onUnexpectedClose: (error, text) => unexpected.push({ error, text }),
  });
  return {
    transcriber,
    tokens,
    fetchGrant,
    tracks,
    recorders,
    snapshots,
    unexpected,
    advanceClock: (ms: number) => (clock += ms),
    socket: (index = -1) => FakeSocket.instances.at(index)!,
  };
}

/** Starts and lets the (fake) server accept the connection. */
async function started(env: ReturnType<typeof setup>) {
  const start = env.transcriber.start();
  await flush();
  env.socket().open();
  await start;
}

beforeEach(() => {
  FakeSocket.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Deepgram live request', () => {
  it('asks for interim results with smart formatting and endpointing, and authenticates with the bearer subprotocol', () => {
    const url = new URL(listenUrl(grant('abc')));
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('ws://deepgram.test/v1/listen');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      model: 'nova-3',
      language: 'ko',
      interim_results: 'true',
      smart_format: 'true',
      punctuate: 'true',
      endpointing: '300',
    });
    expect(listenProtocols('abc')).toEqual(['bearer', 'abc']);
    expect(JSON.parse(CLOSE_STREAM)).toEqual({ type: 'CloseStream' });
    expect(JSON.parse(KEEP_ALIVE)).toEqual({ type: 'KeepAlive' });
  });
});

describe('parseMessage', () => {
  it('reads interim and final results, metadata and the other live messages', () => {
    expect(parseMessage(JSON.stringify(results(' 저는 백엔드 ', false)))).toEqual({ kind: 'results', transcript: '저는 백엔드', isFinal: false, speechFinal: false });
    expect(parseMessage(JSON.stringify(results('Hello there.', true)))).toEqual({ kind: 'results', transcript: 'Hello there.', isFinal: true, speechFinal: true });
    expect(parseMessage(JSON.stringify({ type: 'Metadata', transaction_key: 'deprecated', request_id: 'r-9', sha256: 'x', created: '2026-01-01T00:00:00Z', duration: 3, channels: 1 }))).toEqual({ kind: 'metadata', requestId: 'r-9' });
    expect(parseMessage(JSON.stringify({ type: 'UtteranceEnd', channel: [0, 1], last_word_end: 2.1 }))).toEqual({ kind: 'utterance-end' });
    expect(parseMessage(JSON.stringify({ type: 'SpeechStarted', channel: [0], timestamp: 0.5 }))).toEqual({ kind: 'speech-started' });
    expect(parseMessage(JSON.stringify({ type: 'Error', description: 'Payload cannot be decoded', message: '', variant: 'DATA-0000' }))).toEqual({ kind: 'error', message: 'Payload cannot be decoded' });
    expect(parseMessage(JSON.stringify({ type: 'Results', channel: { alternatives: [] }, is_final: true }))).toEqual({ kind: 'results', transcript: '', isFinal: true, speechFinal: false });
    expect(parseMessage(JSON.stringify({ type: 'Something' }))).toEqual({ kind: 'other', type: 'Something' });
    expect(parseMessage('not json')).toBeNull();
    expect(parseMessage('[1,2]')).toBeNull();
    expect(parseMessage(new ArrayBuffer(2))).toBeNull();
  });
});

describe('TranscriptAccumulator', () => {
  it('replaces interim results until the final one and accumulates the finals', () => {
    const text = new TranscriptAccumulator();
    const apply = (payload: unknown) => text.apply(parseMessage(JSON.stringify(payload)));
    expect(apply(results('I built', false))).toBe(true);
    expect(apply(results('I built', false))).toBe(false);
    expect(apply(results('I built REST APIs', false))).toBe(true);
    expect(text.text).toBe('I built REST APIs');
    expect(text.finalText).toBe('');
    expect(apply(results('I built REST APIs.', true))).toBe(true);
    expect(text.interim).toBe('');
    expect(apply(results('With FastAPI', false))).toBe(true);
    expect(text.text).toBe('I built REST APIs. With FastAPI');
    expect(apply(results('', true))).toBe(true); // silence finalised: the interim goes
    expect(apply(results('', true))).toBe(false);
    expect(apply(results('With FastAPI and PostgreSQL.', true))).toBe(true);
    expect(apply({ type: 'Metadata', request_id: 'r' })).toBe(false);
    expect(text.finalText).toBe('I built REST APIs. With FastAPI and PostgreSQL.');
    text.reset();
    expect(text.text).toBe('');
  });
});

describe('TokenSource', () => {
  it('reuses a token until shortly before it expires, then asks for a new one; forced refreshes too', async () => {
    let now = 0;
    const fetchGrant = vi.fn(async () => grant(`t${fetchGrant.mock.calls.length}`, 60));
    const tokens = new TokenSource(fetchGrant, () => now);
    expect((await tokens.get()).access_token).toBe('t1');
    now = 50_000;
    expect((await tokens.get()).access_token).toBe('t1');
    now = 56_000; // within the 5 s margin of the 60 s
    expect((await tokens.get()).access_token).toBe('t2');
    expect((await tokens.get(true)).access_token).toBe('t3');
    tokens.seed(grant('seeded', 60), now);
    expect((await tokens.get()).access_token).toBe('seeded');
    expect(fetchGrant).toHaveBeenCalledTimes(3);
  });
});

describe('LiveTranscriber', () => {
  it('streams the recording, shows interim text, accumulates finals and on stop sends CloseStream and waits for the last results', async () => {
    const env = setup();
    await started(env);
    const socket = env.socket();
    expect(socket.protocols).toEqual(['bearer', 't1']);
    expect(socket.url).toContain('interim_results=true');
    expect(env.recorders[0].timeslice).toBe(250);
    expect(env.transcriber.state).toBe('recording');

    env.recorders[0].emit([0x1a, 0x45, 0xdf, 0xa3]);
    env.recorders[0].ondataavailable?.({ data: new Blob([]) }); // empty slices are not sent
    expect(socket.sent).toHaveLength(1);
    expect(socket.sent[0]).toBeInstanceOf(Blob);

    socket.message({ type: 'Metadata', request_id: 'r1' });
    socket.message(results('저는', false));
    expect(env.snapshots.at(-1)).toEqual({ state: 'recording', finalText: '', interim: '저는' });
    socket.message(results('저는 백엔드 개발자입니다.', true));
    socket.message(results('FastAPI를', false));
    expect(env.snapshots.at(-1)).toEqual({ state: 'recording', finalText: '저는 백엔드 개발자입니다.', interim: 'FastAPI를' });

    const stopping = env.transcriber.stop();
    expect(env.transcriber.state).toBe('finishing');
    await flush();
    // The recorder's last slice went out before CloseStream.
    expect(socket.sent.at(-2)).toBeInstanceOf(Blob);
    expect(socket.texts()).toEqual([CLOSE_STREAM]);
    socket.message(results('FastAPI를 썼습니다.', true));
    socket.message({ type: 'Metadata', request_id: 'r1', duration: 4.2 });
    socket.serverClose(1000);
    await expect(stopping).resolves.toBe('저는 백엔드 개발자입니다. FastAPI를 썼습니다.');
    expect(env.transcriber.state).toBe('idle');
    expect(env.tracks[0].stopped).toBe(true);
    expect(env.unexpected).toEqual([]);
  });

  it('asks for a new token when the connection is refused (an expired token) and connects with it', async () => {
    const env = setup();
    const start = env.transcriber.start();
    await flush();
    env.socket(0).serverClose(1006); // the handshake was answered 401
    await flush();
    env.socket(1).open();
    await start;
    expect(env.fetchGrant).toHaveBeenCalledTimes(2);
    expect(env.socket(1).protocols).toEqual(['bearer', 't2']);
    expect(env.transcriber.state).toBe('recording');
    env.transcriber.abort();
  });

  it('fetches a fresh token for a later answer once the earlier one has expired', async () => {
    const env = setup();
    env.tokens.seed(grant('seeded', 60), 1_000_000);
    await started(env);
    expect(env.socket().protocols[1]).toBe('seeded');
    const stopping = env.transcriber.stop();
    await flush();
    env.socket().serverClose(1000);
    await stopping;

    env.advanceClock(61_000);
    await started(env);
    expect(env.socket().protocols[1]).toBe('t1');
    expect(env.fetchGrant).toHaveBeenCalledTimes(1);
    env.transcriber.abort();
  });

  it('gives up with a connect error when the new token is refused too, and releases the microphone', async () => {
    const env = setup();
    const start = env.transcriber.start();
    await flush();
    env.socket(0).serverClose(1006);
    await flush();
    env.socket(1).serverClose(1006);
    await expect(start).rejects.toMatchObject({ code: 'connect' });
    expect(env.tracks[0].stopped).toBe(true);
    expect(env.transcriber.state).toBe('idle');
  });

  it('reports a token that cannot be had', async () => {
    const env = setup({ grants: [] });
    await expect(env.transcriber.start()).rejects.toMatchObject({ code: 'token', detail: 'no more grants' });
    expect(env.tracks[0].stopped).toBe(true);
  });

  it('tells a refused microphone from a missing one', async () => {
    const denied = setup({ micError: Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }) });
    await expect(denied.transcriber.start()).rejects.toMatchObject({ code: 'permission' });
    const missing = setup({ micError: Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' }) });
    await expect(missing.transcriber.start()).rejects.toMatchObject({ code: 'no-microphone' });
    const busy = setup({ micError: Object.assign(new Error('Could not start audio source'), { name: 'NotReadableError' }) });
    await expect(busy.transcriber.start()).rejects.toMatchObject({ code: 'microphone' });
    expect(FakeSocket.instances).toHaveLength(0);
    expect(denied.fetchGrant).not.toHaveBeenCalled();
  });

  it('keeps the connection alive with KeepAlive every 5 s while paused, and stops doing so on resume', async () => {
    vi.useFakeTimers();
    const env = setup();
    const start = env.transcriber.start();
    await vi.advanceTimersByTimeAsync(0);
    env.socket().open();
    await start;
    const socket = env.socket();
    env.transcriber.pause();
    expect(env.recorders[0].state).toBe('paused');
    expect(env.transcriber.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(4_900);
    expect(socket.texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_200);
    expect(socket.texts()).toEqual([KEEP_ALIVE, KEEP_ALIVE, KEEP_ALIVE]);
    env.transcriber.resume();
    expect(env.recorders[0].state).toBe('recording');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket.texts()).toHaveLength(3);
    env.transcriber.abort();
  });

  it('hands over what was heard when the connection closes while recording', async () => {
    const env = setup();
    await started(env);
    env.socket().message(results('I designed the schema.', true));
    env.socket().message(results('Then I', false));
    env.socket().serverClose(1011, 'Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001');
    expect(env.unexpected).toHaveLength(1);
    expect(env.unexpected[0].error.code).toBe('closed');
    expect(env.unexpected[0].error.detail).toMatch(/did not receive audio/);
    expect(env.unexpected[0].text).toBe('I designed the schema. Then I');
    expect(env.transcriber.state).toBe('idle');
    expect(env.tracks[0].stopped).toBe(true);
  });

  it('keeps the interim text when the last results do not come after CloseStream', async () => {
    vi.useFakeTimers();
    const env = setup();
    const start = env.transcriber.start();
    await vi.advanceTimersByTimeAsync(0);
    env.socket().open();
    await start;
    env.socket().message(results('almost done', false));
    const stopping = env.transcriber.stop();
    await vi.advanceTimersByTimeAsync(5_100);
    await expect(stopping).resolves.toBe('almost done');
    expect(env.socket().closedByClient).toBe(1000);
  });

  it('abandons a start that is stopped while connecting', async () => {
    const env = setup();
    const start = env.transcriber.start();
    await flush();
    expect(await env.transcriber.stop()).toBe('');
    env.socket().open();
    await expect(start).resolves.toBeUndefined();
    expect(env.socket().closedByClient).toBe(1000);
    expect(env.tracks[0].stopped).toBe(true);
    expect(env.recorders).toHaveLength(0);
  });
});
