import { ApiError, forgetStoredToken, parseErrorBody, setRenewer, signalUnauthorized, tokenStore } from '../api/client';
import type { TokenResponse } from '../api/types';
import { getConfig } from '../config';

// The sign-in session: the access token is kept in memory (api/client.ts), and an httpOnly cookie
// on the web app's own origin (POST /auth/*) gets a new one: on load (a reload keeps you signed
// in), shortly before it expires, and once after a 401. No script can read the cookie.

/** The header every /auth route requires: a page of another site cannot send it. */
export const CSRF_HEADER = { 'X-Requested-With': 'interview-web' };
/** How long before the access token expires it is renewed. */
export const RENEW_BEFORE_MS = 60_000;
/** After a failed renewal that was not a refusal (network, 5xx): the next try. */
export const RETRY_AFTER_MS = 15_000;
const LOCK_NAME = 'interview-session';

export type RenewOutcome = 'renewed' | 'ended' | 'failed';

let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight: Promise<RenewOutcome> | null = null;
/** When the sign-in ends (ms since the epoch; the API's `session_expires_at`), null when unknown. */
let sessionEnd: number | null = null;
let endTimer: ReturnType<typeof setTimeout> | null = null;
const endListeners = new Set<() => void>();
/** The last refusal said the session expired or ended (not that there was none). */
let lastRefusal: string | null = null;
let lastRefusalCode: string | null = null;

function authUrl(path: string): string {
  return `${getConfig().authUrl ?? ''}${path}`;
}

async function post(path: string, body?: unknown): Promise<TokenResponse | null> {
  const headers: Record<string, string> = { Accept: 'application/json', ...CSRF_HEADER };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(authUrl(path), {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) throw parseErrorBody(response.status, data);
  return data as TokenResponse | null;
}

function stopTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

function schedule(delayMs: number): void {
  stopTimer();
  timer = setTimeout(() => {
    timer = null;
    // Refused in the background: the sign-in has ended; the app is told now, not at the next request.
    void renewSession().then((outcome) => {
      if (outcome === 'ended') signalUnauthorized();
    });
  }, Math.max(0, delayMs));
}

// setTimeout takes at most 2^31-1 ms; a later end is checked again when that much has passed.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function setSessionEnd(end: number | null): void {
  if (endTimer !== null) clearTimeout(endTimer);
  endTimer = null;
  const changed = end !== sessionEnd;
  sessionEnd = end;
  if (end !== null) {
    // An end already past on this clock (it runs ahead of the server's) is asked about again later.
    const delay = end > Date.now() ? end - Date.now() : RETRY_AFTER_MS;
    endTimer = setTimeout(() => {
      endTimer = null;
      if (delay >= MAX_TIMEOUT_MS) setSessionEnd(end);
      else void sessionEnded();
    }, Math.min(delay, MAX_TIMEOUT_MS));
  }
  if (changed) endListeners.forEach((listener) => listener());
}

/** At the end of the sign-in: asked of the server rather than this computer's clock, which may be
 * off; when it says the session has ended, the app signs out as after a 401 (and the screens send
 * the user to sign in, then back). */
async function sessionEnded(): Promise<void> {
  const outcome = await renewSession();
  if (outcome === 'ended') signalUnauthorized();
  else if (outcome === 'failed' && sessionEnd !== null && endTimer === null) setSessionEnd(sessionEnd);
}

function adopt(answer: TokenResponse): void {
  tokenStore.set(answer.access_token, answer.expires_in);
  schedule(answer.expires_in * 1000 - RENEW_BEFORE_MS);
  const end = answer.session_expires_at ? Date.parse(answer.session_expires_at) : NaN;
  if (Number.isFinite(end)) setSessionEnd(end);
}

/** When the sign-in ends (ms since the epoch), null when the API did not say or no one is signed in. */
export function sessionExpiresAt(): number | null {
  return sessionEnd;
}

/** Called when the end of the sign-in becomes known, moves (a new sign-in) or is forgotten. */
export function onSessionEndChange(listener: () => void): () => void {
  endListeners.add(listener);
  return () => endListeners.delete(listener);
}

/** Serialises renewals across this browser's tabs (they share the cookie), when it can. */
function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(LOCK_NAME, work) as unknown as Promise<T>) : work();
}

/** After signing in with POST /token: exchanges its grant for the session cookie. */
export async function startSession(grant: string): Promise<void> {
  const answer = await post('/auth/session', { grant });
  if (answer) adopt(answer);
}

/** A new access token from the session cookie; one request at a time, whoever asks. */
export function renewSession(): Promise<RenewOutcome> {
  inFlight ??= exclusively(async (): Promise<RenewOutcome> => {
    try {
      const answer = await post('/auth/refresh');
      if (!answer) return 'failed';
      lastRefusal = null;
      lastRefusalCode = null;
      adopt(answer);
      return 'renewed';
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        lastRefusal = error.message;
        lastRefusalCode = error.code;
        stopTimer();
        tokenStore.clear();
        setSessionEnd(null);
        return 'ended';
      }
      // The network or the server failed: the session may be fine; try again while the token lasts.
      const expiresAt = tokenStore.expiresAt();
      if (expiresAt !== null && expiresAt - Date.now() > RETRY_AFTER_MS) schedule(RETRY_AFTER_MS);
      return 'failed';
    }
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** On start: forgets what older versions stored, then asks the cookie for an access token. */
export async function restoreSession(): Promise<RenewOutcome> {
  forgetStoredToken();
  return renewSession();
}

/** Whether the last refusal was of a session that existed (expired, ended) rather than none. */
export function sessionWasRefused(): boolean {
  if (lastRefusalCode === 'session_ended') return true;
  return lastRefusal !== null && !lastRefusal.startsWith('No session');
}

/** Signs out: the access token is forgotten at once, the session ended on the server. */
export async function endSession(): Promise<void> {
  stopTimer();
  setSessionEnd(null);
  tokenStore.clear();
  try {
    await post('/auth/logout');
  } catch {
    /* offline: the cookie's session ends by itself */
  }
}

setRenewer(async () => (await renewSession()) === 'renewed');

/** For tests: back to the state of a fresh page. */
export function resetSessionForTests(): void {
  stopTimer();
  setSessionEnd(null);
  inFlight = null;
  lastRefusal = null;
  lastRefusalCode = null;
  tokenStore.clear();
}
