import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { setConfig } from '../config';
import { fakeFetch, renderWithProviders } from '../test/render';
import { LEGACY_TOKEN_KEY, onUnauthorized, tokenStore } from '../api/client';
import { api } from '../api/endpoints';
import { useAuth } from './AuthContext';
import { RENEW_BEFORE_MS, endSession, onSessionEndChange, renewSession, restoreSession, sessionExpiresAt, startSession } from './session';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const USER = { id: 3, username: 'kim', email: 'kim@example.com', role: 'candidate', full_name: 'Kim', created_at: '2026-12-01T00:00:00Z', organization: null };

function tokens(...values: string[]) {
  let next = 0;
  return () => ({ status: 200, body: { access_token: values[Math.min(next++, values.length - 1)], token_type: 'bearer', expires_in: 1800 } });
}

function storedAnywhere(value: string): boolean {
  const stores = [localStorage, sessionStorage];
  return stores.some((store) => Object.keys(store).some((key) => (store.getItem(key) ?? '').includes(value)));
}

function Who() {
  const { user, loading } = useAuth();
  return <p>{loading ? 'loading' : (user?.username ?? 'signed out')}</p>;
}

describe('the access token', () => {
  it('is kept in memory only, and the old localStorage copy is removed on start', async () => {
    localStorage.setItem(LEGACY_TOKEN_KEY, JSON.stringify({ token: 'old-stored-token', expiresAt: Date.now() + 60_000 }));
    const fake = fakeFetch([[/POST \/auth\/refresh$/, tokens('fresh-token')]]);
    vi.stubGlobal('fetch', fake.fn);

    expect(await restoreSession()).toBe('renewed');

    expect(tokenStore.get()).toBe('fresh-token');
    expect(localStorage.getItem(LEGACY_TOKEN_KEY)).toBeNull();
    expect(storedAnywhere('fresh-token')).toBe(false);
    expect(storedAnywhere('old-stored-token')).toBe(false);
  });

  it('is asked of the session cookie on the own origin, with the CSRF header', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push({ ...init, body: url });
      return new Response(JSON.stringify({ access_token: 't', expires_in: 1800 }), { status: 200 });
    });

    await renewSession();

    expect(seen).toHaveLength(1);
    expect(seen[0].body).toBe('/auth/refresh'); // the web app's origin, not the API's
    expect(seen[0].method).toBe('POST');
    expect(seen[0].credentials).toBe('same-origin');
    expect((seen[0].headers as Record<string, string>)['X-Requested-With']).toBeTruthy();
  });
});

describe('a reload', () => {
  it('keeps the user signed in: the cookie gives a token, then GET /me', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    const fake = fakeFetch([
      [/POST \/auth\/refresh$/, tokens('restored')],
      [/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: USER })],
    ]);
    vi.stubGlobal('fetch', fake.fn);

    renderWithProviders(<Who />, { auth: true });

    expect(await screen.findByText('kim')).toBeTruthy();
    const me = fake.calls.find((call) => call.url.endsWith('/me'));
    expect(me?.headers.Authorization).toBe('Bearer restored');
  });

  it('without a session shows the user signed out, without a session-expired notice', async () => {
    const fake = fakeFetch([[/POST \/auth\/refresh$/, () => ({ status: 401, body: { detail: 'No session: sign in' } })]]);
    vi.stubGlobal('fetch', fake.fn);

    renderWithProviders(<Who />, { auth: true });

    expect(await screen.findByText('signed out')).toBeTruthy();
    expect(fake.calls.filter((call) => call.url.endsWith('/me'))).toHaveLength(0);
  });
});

describe('renewal', () => {
  it('happens shortly before the access token expires, and the new token is used', async () => {
    vi.useFakeTimers();
    setConfig({ apiUrl: 'http://api.test' });
    const fake = fakeFetch([
      [/POST \/auth\/session$/, () => ({ status: 200, body: { access_token: 'first', expires_in: 300 } })],
      [/POST \/auth\/refresh$/, tokens('second')],
      [/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: USER })],
    ]);
    vi.stubGlobal('fetch', fake.fn);

    await startSession('a-grant');
    expect(fake.calls[0].body).toEqual({ grant: 'a-grant' });
    await vi.advanceTimersByTimeAsync(300_000 - RENEW_BEFORE_MS - 1000);
    expect(fake.calls.filter((call) => call.url === '/auth/refresh')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2000);

    expect(fake.calls.filter((call) => call.url === '/auth/refresh')).toHaveLength(1);
    expect(tokenStore.get()).toBe('second');
    await api.me();
    expect(fake.calls.at(-1)?.headers.Authorization).toBe('Bearer second');
  });

  it('asked for by several callers at once is one request', async () => {
    const fake = fakeFetch([[/POST \/auth\/refresh$/, tokens('once')]]);
    vi.stubGlobal('fetch', fake.fn);

    const outcomes = await Promise.all([renewSession(), renewSession(), renewSession()]);

    expect(outcomes).toEqual(['renewed', 'renewed', 'renewed']);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('a 401', () => {
  it('renews the token once and sends the request again', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    tokenStore.set('stale', 60);
    const fake = fakeFetch([
      [/POST \/auth\/refresh$/, tokens('renewed')],
      [/GET http:\/\/api\.test\/me$/, () => (fake.calls.at(-1)?.headers.Authorization === 'Bearer renewed' ? { status: 200, body: USER } : { status: 401, body: { detail: 'expired' } })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    const signedOut = vi.fn();
    const stop = onUnauthorized(signedOut);

    await expect(api.me()).resolves.toMatchObject({ username: 'kim' });
    stop();

    expect(fake.calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET http://api.test/me', 'POST /auth/refresh', 'GET http://api.test/me']);
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('after a renewal too signs out, without a loop', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    tokenStore.set('stale', 60);
    const fake = fakeFetch([
      [/POST \/auth\/refresh$/, tokens('renewed')],
      [/GET http:\/\/api\.test\/me$/, () => ({ status: 401, body: { detail: 'The account of this token no longer exists' } })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    const signedOut = vi.fn();
    const stop = onUnauthorized(signedOut);

    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    stop();

    expect(fake.calls.filter((call) => call.url === '/auth/refresh')).toHaveLength(1);
    expect(fake.calls.filter((call) => call.url.endsWith('/me'))).toHaveLength(2);
    expect(signedOut).toHaveBeenCalledOnce();
    expect(tokenStore.get()).toBeNull();
  });

  it('with the session ended signs out after the one renewal it tried', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    tokenStore.set('stale', 60);
    const fake = fakeFetch([
      [/POST \/auth\/refresh$/, () => ({ status: 401, body: { detail: 'The session has ended; sign in again' } })],
      [/GET http:\/\/api\.test\/me$/, () => ({ status: 401, body: { detail: 'expired' } })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    const signedOut = vi.fn();
    const stop = onUnauthorized(signedOut);

    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    stop();

    expect(fake.calls.map((call) => call.url)).toEqual(['http://api.test/me', '/auth/refresh']);
    expect(signedOut).toHaveBeenCalledOnce();
  });
});

describe('signing in and out', () => {
  it('asks POST /token for a session grant and exchanges it for the cookie', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    const fake = fakeFetch([
      [/POST \/auth\/refresh$/, () => ({ status: 401, body: { detail: 'No session: sign in' } })],
      [/POST http:\/\/api\.test\/token$/, () => ({ status: 200, body: { access_token: 'from-token', expires_in: 1800, session_grant: 'grant-1' } })],
      [/POST \/auth\/session$/, () => ({ status: 200, body: { access_token: 'from-session', expires_in: 1800 } })],
      [/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: USER })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    let signIn: ReturnType<typeof useAuth>['signIn'] | null = null;
    function SignInHere() {
      signIn = useAuth().signIn;
      return <Who />;
    }
    renderWithProviders(<SignInHere />, { auth: true });
    await screen.findByText('signed out');

    await signIn!('kim', 'pass-phrase-42');

    const token = fake.calls.find((call) => call.url.endsWith('/token'));
    expect(token?.headers['X-Session']).toBe('cookie');
    const exchange = fake.calls.find((call) => call.url === '/auth/session');
    expect(exchange?.body).toEqual({ grant: 'grant-1' });
    expect(tokenStore.get()).toBe('from-session');
    await waitFor(() => expect(screen.getByText('kim')).toBeTruthy());
    expect(storedAnywhere('from-session') || storedAnywhere('grant-1')).toBe(false);
  });

  it('signing out forgets the token and ends the session on the server', async () => {
    tokenStore.set('live', 1800);
    const fake = fakeFetch([[/POST \/auth\/logout$/, () => ({ status: 204 })]]);
    vi.stubGlobal('fetch', fake.fn);

    await endSession();

    expect(tokenStore.get()).toBeNull();
    expect(fake.calls.map((call) => `${call.method} ${call.url}`)).toEqual(['POST /auth/logout']);
    expect(fake.calls[0].headers['X-Requested-With']).toBeTruthy();
  });
});

describe('the end of the sign-in', () => {
  it('is known from the session’s answers, not moved by renewals, and forgotten on signing out', async () => {
    vi.useFakeTimers();
    const end = new Date(Date.now() + 8 * 3600_000).toISOString();
    const fake = fakeFetch([
      [/POST \/auth\/session$/, () => ({ status: 200, body: { access_token: 'a', expires_in: 300, session_expires_at: end } })],
      [/POST \/auth\/refresh$/, () => ({ status: 200, body: { access_token: 'b', expires_in: 300, session_expires_at: end } })],
      [/POST \/auth\/logout$/, () => ({ status: 204 })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    const changed = vi.fn();
    const stop = onSessionEndChange(changed);

    await startSession('grant');
    expect(sessionExpiresAt()).toBe(Date.parse(end));
    await vi.advanceTimersByTimeAsync(300_000);
    expect(tokenStore.get()).toBe('b');
    expect(sessionExpiresAt()).toBe(Date.parse(end));
    expect(changed).toHaveBeenCalledOnce();

    await endSession();
    expect(sessionExpiresAt()).toBeNull();
    stop();
  });

  it('when it comes, asks the server, and signs the app out once the server says it has ended', async () => {
    vi.useFakeTimers();
    let ended = false;
    const fake = fakeFetch([
      [/POST \/auth\/session$/, () => ({ status: 200, body: { access_token: 'a', expires_in: 1800, session_expires_at: new Date(Date.now() + 60_000).toISOString() } })],
      [/POST \/auth\/refresh$/, () => (ended ? { status: 401, body: { detail: 'The session has ended', code: 'session_ended' } } : tokens('still')())],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    const signedOut = vi.fn();
    const stop = onUnauthorized(signedOut);
    await startSession('grant');

    ended = true;
    await vi.advanceTimersByTimeAsync(60_000);

    expect(fake.calls.filter((call) => call.url === '/auth/refresh')).toHaveLength(1);
    expect(signedOut).toHaveBeenCalledOnce();
    expect(tokenStore.get()).toBeNull();
    expect(sessionExpiresAt()).toBeNull();
    stop();
  });

  it('a renewal refused in the background signs the app out at once, not at the next request', async () => {
    vi.useFakeTimers();
    const fake = fakeFetch([
      [/POST \/auth\/session$/, () => ({ status: 200, body: { access_token: 'a', expires_in: 120 } })],
      [/POST \/auth\/refresh$/, () => ({ status: 401, body: { detail: 'The session has ended', code: 'session_ended' } })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    const signedOut = vi.fn();
    const stop = onUnauthorized(signedOut);
    await startSession('grant');
    await vi.advanceTimersByTimeAsync(120_000 - RENEW_BEFORE_MS);
    expect(signedOut).toHaveBeenCalledOnce();
    stop();
  });
});
