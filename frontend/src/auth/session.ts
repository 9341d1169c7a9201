import { ApiError, forgetStoredToken, parseErrorBody, setRenewer, tokenStore } from '../api/client';
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
/** The last refusal said the session expired or ended (not that there was none). */
let lastRefusal: string | null = null;

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
    void renewSession();
  }, Math.max(0, delayMs));
}

function adopt(answer: TokenResponse): void {
  tokenStore.set(answer.access_token, answer.expires_in);
  schedule(answer.expires_in * 1000 - RENEW_BEFORE_MS);
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
      adopt(answer);
      return 'renewed';
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        lastRefusal = error.message;
        stopTimer();
        tokenStore.clear();
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
  return lastRefusal !== null && !lastRefusal.startsWith('No session');
}

/** Signs out: the access token is forgotten at once, the session ended on the server. */
export async function endSession(): Promise<void> {
  stopTimer();
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
  inFlight = null;
  lastRefusal = null;
  tokenStore.clear();
}
