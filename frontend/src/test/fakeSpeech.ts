// Fakes of what the browser provides for voice answers (WebSocket, MediaRecorder) and Deepgram's
// live result message, for unit and component tests.
import type { RecorderLike, SocketLike } from '../speech/deepgram';

/** Deepgram's live message for a stretch of speech, as its API sends it. */
export function results(transcript: string, isFinal: boolean, speechFinal = isFinal) {
  return {
    type: 'Results',
    channel_index: [0, 1],
    duration: 1.2,
    start: 0,
    is_final: isFinal,
    speech_final: speechFinal,
    channel: { alternatives: [{ transcript, confidence: 0.98, words: transcript.split(' ').map((word) => ({ word, start: 0, end: 0.3, confidence: 0.98 })) }] },
    metadata: { request_id: 'req-1', model_info: { name: '2-general-nova', version: '2024', arch: 'nova-3' }, model_uuid: 'm1' },
  };
}

export class FakeSocket implements SocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: (string | Blob | ArrayBufferLike)[] = [];
  closedByClient: number | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  onclose: SocketLike['onclose'] = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.instances.push(this);
  }
  send(data: string | Blob | ArrayBufferLike) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close(code = 1005) {
    this.closedByClient = code;
    this.readyState = 3;
  }
  // The server's side:
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  message(payload: unknown) {
    this.onmessage?.({ data: JSON.stringify(payload) });
  }
  serverClose(code: number, reason = '') {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code, reason });
  }
  texts() {
    return this.sent.filter((item): item is string => typeof item === 'string');
  }
}

export class FakeRecorder implements RecorderLike {
  static instances: FakeRecorder[] = [];
  static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
  readonly mimeType: string | undefined;
  constructor(_stream?: unknown, options?: { mimeType?: string }) {
    this.mimeType = options?.mimeType;
    FakeRecorder.instances.push(this);
  }
  state: RecorderLike['state'] = 'inactive';
  timeslice: number | undefined;
  ondataavailable: RecorderLike['ondataavailable'] = null;
  onstop: RecorderLike['onstop'] = null;
  start(timeslice?: number) {
    this.timeslice = timeslice;
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  stop() {
    // Like the browser: the last slice, then the stop event (asynchronously).
    this.state = 'inactive';
    queueMicrotask(() => {
      this.ondataavailable?.({ data: new Blob([new Uint8Array([9, 9])]) });
      this.onstop?.({});
    });
  }
  emit(bytes: number[]) {
    this.ondataavailable?.({ data: new Blob([new Uint8Array(bytes)]) });
  }
}


/** The browser's speech synthesis (window.speechSynthesis and SpeechSynthesisUtterance), recording
 * what was spoken, in which language, and each cancel. */
export class FakeSynthesis {
  spoken: { text: string; lang: string }[] = [];
  cancels = 0;
  speak(utterance: { text: string; lang: string }) {
    this.spoken.push({ text: utterance.text, lang: utterance.lang });
  }
  cancel() {
    this.cancels += 1;
  }
}

class FakeUtterance {
  lang = '';
  constructor(readonly text: string) {}
}

/** Installs a FakeSynthesis as the page's speech synthesis; undo with vi.unstubAllGlobals(). */
export function installFakeSynthesis(stub: (name: string, value: unknown) => void): FakeSynthesis {
  const synthesis = new FakeSynthesis();
  stub('speechSynthesis', synthesis);
  stub('SpeechSynthesisUtterance', FakeUtterance);
  return synthesis;
}
