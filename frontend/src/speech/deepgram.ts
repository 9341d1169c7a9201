// Live speech-to-text with Deepgram, straight from the browser: the microphone is recorded with
// MediaRecorder (WebM/Opus in ~250 ms slices) and streamed over a WebSocket to Deepgram's
// /v1/listen, authenticated with a short-lived token the API grants (the `bearer` subprotocol, the
// browser's way for temporary tokens; API keys would use `token`). Interim results are shown while
// the candidate speaks, final ones are accumulated; stopping sends CloseStream and waits for the
// last results. Everything the browser provides (getUserMedia, MediaRecorder, WebSocket, timers) is
// injectable, so the logic is unit-tested with fakes.

/** The part of POST /stt/token's answer needed to connect. */
export interface SttGrant {
  access_token: string;
  /** Seconds the token stays valid for opening a connection. */
  expires_in: number;
  websocket_url: string;
  model: string;
  language: string;
}

/** The query of a live transcription request. */
export function listenUrl(grant: Pick<SttGrant, 'websocket_url' | 'model' | 'language'>): string {
  const params = new URLSearchParams({
    model: grant.model,
    language: grant.language,
    interim_results: 'true',
    smart_format: 'true',
    punctuate: 'true',
    endpointing: '300',
  });
  return `${grant.websocket_url}?${params.toString()}`;
}

/** Browsers cannot set headers on a WebSocket: a temporary token goes in the subprotocols. */
export function listenProtocols(accessToken: string): string[] {
  return ['bearer', accessToken];
}

export const CLOSE_STREAM = JSON.stringify({ type: 'CloseStream' });
export const KEEP_ALIVE = JSON.stringify({ type: 'KeepAlive' });

export type LiveMessage =
  | { kind: 'results'; transcript: string; isFinal: boolean; speechFinal: boolean }
  | { kind: 'metadata'; requestId: string | null }
  | { kind: 'speech-started' }
  | { kind: 'utterance-end' }
  | { kind: 'error'; message: string }
  | { kind: 'other'; type: string };

/** Reads one text frame of Deepgram's live API; null for anything that is not a JSON message. */
export function parseMessage(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null;
  let message: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    message = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const type = typeof message.type === 'string' ? message.type : '';
  switch (type) {
    case 'Results': {
      const channel = message.channel as { alternatives?: { transcript?: unknown }[] } | undefined;
      const transcript = channel?.alternatives?.[0]?.transcript;
      return {
        kind: 'results',
        transcript: typeof transcript === 'string' ? transcript.trim() : '',
        isFinal: message.is_final === true,
        speechFinal: message.speech_final === true,
      };
    }
    case 'Metadata':
      return { kind: 'metadata', requestId: typeof message.request_id === 'string' ? message.request_id : null };
    case 'SpeechStarted':
      return { kind: 'speech-started' };
    case 'UtteranceEnd':
      return { kind: 'utterance-end' };
    case 'Error': {
      const text = [message.description, message.message, message.err_msg].find((item) => typeof item === 'string');
      return { kind: 'error', message: (text as string | undefined) ?? 'error' };
    }
    default:
      return { kind: 'other', type };
  }
}

/**
 * Interim results of a stretch of speech replace each other until the final one for it arrives;
 * finals follow each other. The text is the finals, then the current interim.
 */
export class TranscriptAccumulator {
  private finals: string[] = [];
  private current = '';

  /** Applies a message; true when the text changed. */
  apply(message: LiveMessage | null): boolean {
    if (!message || message.kind !== 'results') return false;
    if (message.isFinal) {
      if (message.transcript) this.finals.push(message.transcript);
      const changed = this.current !== '' || message.transcript !== '';
      this.current = '';
      return changed;
    }
    if (message.transcript === this.current) return false;
    this.current = message.transcript;
    return true;
  }

  get finalText(): string {
    return this.finals.join(' ');
  }

  get interim(): string {
    return this.current;
  }

  /** Finals and the interim tail: what was heard so far. */
  get text(): string {
    return [this.finalText, this.current].filter(Boolean).join(' ');
  }

  reset(): void {
    this.finals = [];
    this.current = '';
  }
}

/**
 * Caches the granted token until shortly before it expires; `get(true)` asks for a new one (a
 * connection was refused, perhaps because the token had expired meanwhile).
 */
export class TokenSource {
  private grant: SttGrant | null = null;
  private obtainedAt = 0;

  constructor(
    private readonly fetchGrant: () => Promise<SttGrant>,
    private readonly now: () => number = Date.now,
    private readonly marginMs = 5_000,
  ) {}

  /** Seeds the cache with a grant obtained elsewhere (e.g. the availability check). */
  seed(grant: SttGrant, obtainedAt: number): void {
    this.grant = grant;
    this.obtainedAt = obtainedAt;
  }

  isFresh(): boolean {
    return this.grant !== null && this.now() < this.obtainedAt + this.grant.expires_in * 1000 - this.marginMs;
  }

  async get(forceNew = false): Promise<SttGrant> {
    if (!forceNew && this.grant && this.isFresh()) return this.grant;
    this.grant = null;
    const grant = await this.fetchGrant();
    this.grant = grant;
    this.obtainedAt = this.now();
    return grant;
  }
}

export type TranscriberErrorCode = 'unsupported' | 'permission' | 'no-microphone' | 'microphone' | 'token' | 'connect' | 'closed';

export class TranscriberError extends Error {
  readonly code: TranscriberErrorCode;
  readonly detail: string;
  constructor(code: TranscriberErrorCode, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'TranscriberError';
    this.code = code;
    this.detail = detail;
  }
}

/** getUserMedia's errors, by the DOMException names browsers use. */
export function microphoneError(error: unknown): TranscriberError {
  if (error instanceof TranscriberError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') return new TranscriberError('permission', message);
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return new TranscriberError('no-microphone', message);
  return new TranscriberError('microphone', message || name);
}

/** What is used of a WebSocket. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string | Blob | ArrayBufferLike): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

/** What is used of a MediaRecorder. */
export interface RecorderLike {
  readonly state: 'inactive' | 'recording' | 'paused';
  start(timeslice?: number): void;
  stop(): void;
  pause(): void;
  resume(): void;
  ondataavailable: ((event: { data: Blob }) => void) | null;
  onstop: ((event: unknown) => void) | null;
}

/** What is used of a MediaStream. */
export interface StreamLike {
  getTracks(): { stop(): void }[];
}

const OPEN = 1;

export type TranscriberState = 'idle' | 'connecting' | 'recording' | 'paused' | 'finishing';

export interface TranscriberSnapshot {
  state: TranscriberState;
  finalText: string;
  interim: string;
}

export interface TranscriberOptions {
  tokens: TokenSource;
  openMicrophone?: () => Promise<StreamLike>;
  createSocket?: (url: string, protocols: string[]) => SocketLike;
  createRecorder?: (stream: StreamLike) => RecorderLike;
  /** Every change of state or text. */
  onChange?: (snapshot: TranscriberSnapshot) => void;
  /** The connection ended while recording: what was heard so far comes with it. */
  onUnexpectedClose?: (error: TranscriberError, textSoFar: string) => void;
  timesliceMs?: number;
  keepAliveMs?: number;
  /** How long to wait for the last results after CloseStream. */
  closeTimeoutMs?: number;
  connectTimeoutMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function browserSupportsVoice(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function' &&
    typeof MediaRecorder !== 'undefined' &&
    typeof WebSocket !== 'undefined'
  );
}

function defaultMicrophone(): Promise<StreamLike> {
  if (!browserSupportsVoice()) return Promise.reject(new TranscriberError('unsupported'));
  return navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
}

function defaultRecorder(stream: StreamLike): RecorderLike {
  const mimeType = 'audio/webm;codecs=opus';
  const options = typeof MediaRecorder.isTypeSupported === 'function' && MediaRecorder.isTypeSupported(mimeType) ? { mimeType } : undefined;
  return new MediaRecorder(stream as MediaStream, options) as unknown as RecorderLike;
}

function defaultSocket(url: string, protocols: string[]): SocketLike {
  return new WebSocket(url, protocols) as unknown as SocketLike;
}

/** One spoken answer at a time: start, pause/resume, stop (the final text) or abort. */
export class LiveTranscriber {
  private readonly options: Required<Omit<TranscriberOptions, 'onChange' | 'onUnexpectedClose'>> & Pick<TranscriberOptions, 'onChange' | 'onUnexpectedClose'>;
  private readonly accumulator = new TranscriptAccumulator();
  private current: TranscriberState = 'idle';
  private stream: StreamLike | null = null;
  private socket: SocketLike | null = null;
  private recorder: RecorderLike | null = null;
  private keepAlive: unknown = null;
  private session = 0;
  private closed: (() => void) | null = null;
  private lastError = '';

  constructor(options: TranscriberOptions) {
    this.options = {
      openMicrophone: defaultMicrophone,
      createSocket: defaultSocket,
      createRecorder: defaultRecorder,
      timesliceMs: 250,
      keepAliveMs: 5_000,
      closeTimeoutMs: 5_000,
      connectTimeoutMs: 10_000,
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  get state(): TranscriberState {
    return this.current;
  }

  snapshot(): TranscriberSnapshot {
    return { state: this.current, finalText: this.accumulator.finalText, interim: this.accumulator.interim };
  }

  private emit(state?: TranscriberState) {
    if (state) this.current = state;
    this.options.onChange?.(this.snapshot());
  }

  /** Opens the microphone and the connection and starts streaming; rejects with a TranscriberError. */
  async start(): Promise<void> {
    if (this.current !== 'idle') return;
    const session = ++this.session;
    this.accumulator.reset();
    this.lastError = '';
    this.emit('connecting');
    try {
      let stream: StreamLike;
      try {
        stream = await this.options.openMicrophone();
      } catch (error) {
        throw microphoneError(error);
      }
      if (session !== this.session) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      this.stream = stream;

      let socket: SocketLike;
      try {
        socket = await this.connect(await this.grant(false));
      } catch (error) {
        if (!(error instanceof TranscriberError) || error.code !== 'connect' || session !== this.session) throw error;
        // Refused: the token may have expired on the way. Once more with a new one.
        socket = await this.connect(await this.grant(true));
      }
      if (session !== this.session) {
        socket.close(1000);
        return;
      }
      if (socket.readyState !== OPEN) throw new TranscriberError('closed', 'closed on opening');
      this.attach(socket, session);

      const recorder = this.options.createRecorder(stream);
      this.recorder = recorder;
      recorder.ondataavailable = (event) => {
        if (event.data && event.data.size > 0 && this.socket?.readyState === OPEN) this.socket.send(event.data);
      };
      recorder.start(this.options.timesliceMs);
      this.emit('recording');
    } catch (error) {
      if (session !== this.session) return; // stopped or left meanwhile: nothing to report
      this.release();
      this.emit('idle');
      throw error instanceof TranscriberError ? error : new TranscriberError('microphone', String(error));
    }
  }

  private async grant(forceNew: boolean): Promise<SttGrant> {
    try {
      return await this.options.tokens.get(forceNew);
    } catch (error) {
      if (error instanceof TranscriberError) throw error;
      throw new TranscriberError('token', error instanceof Error ? error.message : String(error));
    }
  }

  private connect(grant: SttGrant): Promise<SocketLike> {
    return new Promise((resolve, reject) => {
      let socket: SocketLike;
      try {
        socket = this.options.createSocket(listenUrl(grant), listenProtocols(grant.access_token));
      } catch (error) {
        reject(new TranscriberError('connect', error instanceof Error ? error.message : String(error)));
        return;
      }
      const timer = this.options.setTimer(() => {
        socket.onopen = socket.onclose = socket.onerror = null;
        socket.close();
        reject(new TranscriberError('connect', 'timeout'));
      }, this.options.connectTimeoutMs);
      socket.onopen = () => {
        this.options.clearTimer(timer);
        resolve(socket);
      };
      socket.onmessage = (event) => this.receive(event.data);
      socket.onerror = () => {};
      socket.onclose = (event) => {
        this.options.clearTimer(timer);
        reject(new TranscriberError('connect', event.reason || `code ${event.code}`));
      };
    });
  }

  private attach(socket: SocketLike, session: number) {
    this.socket = socket;
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => {};
    socket.onclose = (event) => {
      if (session !== this.session) return;
      this.socket = null;
      if (this.current === 'finishing') {
        // After CloseStream: the last results are in (or the connection ended while stopping).
        this.closed?.();
        return;
      }
      // Closed while recording: Deepgram gave up (idle timeout, bad audio) or the network dropped.
      const text = this.accumulator.text;
      this.release();
      this.emit('idle');
      this.options.onUnexpectedClose?.(new TranscriberError('closed', this.lastError || event.reason || `code ${event.code}`), text);
    };
  }

  private receive(data: unknown) {
    const message = parseMessage(data);
    if (message?.kind === 'error') this.lastError = message.message;
    if (this.accumulator.apply(message)) this.emit();
  }

  pause(): void {
    if (this.current !== 'recording' || !this.recorder) return;
    if (this.recorder.state === 'recording') this.recorder.pause();
    // Deepgram closes a connection that gets no audio for about 10 s: keep it alive.
    this.keepAlive = this.repeat(() => {
      if (this.socket?.readyState === OPEN) this.socket.send(KEEP_ALIVE);
    }, this.options.keepAliveMs);
    this.emit('paused');
  }

  resume(): void {
    if (this.current !== 'paused' || !this.recorder) return;
    this.stopKeepAlive();
    if (this.recorder.state === 'paused') this.recorder.resume();
    this.emit('recording');
  }

  private repeat(callback: () => void, ms: number): { stopped: boolean; handle: unknown } {
    const loop = { stopped: false, handle: null as unknown };
    const tick = () => {
      if (loop.stopped) return;
      callback();
      loop.handle = this.options.setTimer(tick, ms);
    };
    loop.handle = this.options.setTimer(tick, ms);
    return loop;
  }

  private stopKeepAlive() {
    const loop = this.keepAlive as { stopped: boolean; handle: unknown } | null;
    if (loop) {
      loop.stopped = true;
      this.options.clearTimer(loop.handle);
    }
    this.keepAlive = null;
  }

  /**
   * Stops recording, sends CloseStream and waits for the last results (Deepgram closes the
   * connection after them); resolves with the whole final text.
   */
  async stop(): Promise<string> {
    if (this.current === 'connecting') {
      this.abort();
      return '';
    }
    if (this.current !== 'recording' && this.current !== 'paused') return this.accumulator.finalText;
    const session = this.session;
    this.stopKeepAlive();
    this.emit('finishing');

    const recorder = this.recorder;
    if (recorder && recorder.state !== 'inactive') {
      // The last slice arrives before the stop event; it is sent before CloseStream.
      await new Promise<void>((resolve) => {
        const timer = this.options.setTimer(resolve, 1_000);
        recorder.onstop = () => {
          this.options.clearTimer(timer);
          resolve();
        };
        recorder.stop();
      });
    }
    const socket = this.socket;
    if (socket && socket.readyState === OPEN && session === this.session) {
      await new Promise<void>((resolve) => {
        const timer = this.options.setTimer(() => {
          this.closed = null;
          resolve();
        }, this.options.closeTimeoutMs);
        this.closed = () => {
          this.options.clearTimer(timer);
          this.closed = null;
          resolve();
        };
        socket.send(CLOSE_STREAM);
      });
    }
    if (session !== this.session) return this.accumulator.text;
    // Results that never became final (a timeout) are kept rather than lost.
    const text = this.accumulator.text;
    this.release();
    this.emit('idle');
    return text;
  }

  /** Ends everything at once (leaving the page). */
  abort(): void {
    this.session += 1;
    this.release();
    this.current = 'idle';
  }

  private release() {
    this.stopKeepAlive();
    this.closed = null;
    const recorder = this.recorder;
    this.recorder = null;
    if (recorder) {
      recorder.ondataavailable = null;
      recorder.onstop = null;
      if (recorder.state !== 'inactive') {
        try {
          recorder.stop();
        } catch {
          /* already stopped */
        }
      }
    }
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onmessage = socket.onclose = socket.onerror = null;
      if (socket.readyState <= OPEN) socket.close(1000);
    }
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }
}
