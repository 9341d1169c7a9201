import i18n from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setConfig } from '../config';
import { fakeFetch } from '../test/render';
import { ApiError, onUnauthorized, parseErrorBody, tokenStore } from './client';
import { api } from './endpoints';

afterEach(() => vi.unstubAllGlobals());

describe('errors', () => {
  it('reads a plain detail', () => {
    const error = parseErrorBody(409, { detail: 'Interview 3 is completed' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('Interview 3 is completed');
  });
  it('reads the API’s error code beside its detail (null without one)', () => {
    expect(parseErrorBody(409, { detail: 'Interview 5 opens at 09:00', code: 'not_open_yet' })).toMatchObject({ code: 'not_open_yet', message: 'Interview 5 opens at 09:00' });
    expect(parseErrorBody(422, { detail: [{ loc: ['body', 'text'], msg: 'required' }], code: 'validation_error' })).toMatchObject({ code: 'validation_error', fieldErrors: { text: 'required' } });
    expect(parseErrorBody(502, '<html>Bad gateway</html>').code).toBeNull();
    expect(parseErrorBody(409, { detail: 'x' }).code).toBeNull();
  });
  it('reads 422 validation items into per-field messages', () => {
    const error = parseErrorBody(422, { detail: [{ loc: ['body', 'password'], msg: 'too short', type: 'x' }, { loc: ['body'], msg: 'bad' }] });
    expect(error.fieldErrors).toEqual({ password: 'too short' });
    expect(error.message).toBe('password: too short; bad');
  });
  it('puts a field’s 422 in the user’s language, with its limit, never the server’s English', async () => {
    const item = { loc: ['body', 'title'], msg: 'String should have at most 200 characters', type: 'string_too_long', ctx: { max_length: 200 } };
    expect(parseErrorBody(422, { detail: [item] }).fieldErrors.title).toBe('Too long: at most 200 characters.');
    await i18n.changeLanguage('ko');
    try {
      expect(parseErrorBody(422, { detail: [item] }).fieldErrors.title).toBe('너무 깁니다. 200자 이하로 입력해 주세요.');
      const custom = { loc: ['body', 'count'], msg: 'Value error, a whole number is expected', type: 'value_error' };
      expect(parseErrorBody(422, { detail: [custom] }).fieldErrors.count).toBe('올바르지 않은 값입니다.');
      // a code the web app does not know keeps the API's words
      expect(parseErrorBody(422, { detail: [{ loc: ['body', 'x'], msg: 'odd', type: 'nope' }] }).fieldErrors.x).toBe('odd');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('requests', () => {
  it('sends the token, uses the configured API URL and reports a 401 as a sign-out', async () => {
    setConfig({ apiUrl: 'http://api.test/' });
    tokenStore.set('abc', 60);
    const fake = fakeFetch([[/GET http:\/\/api\.test\/me$/, () => ({ status: 401, body: { detail: 'expired' } })]]);
    vi.stubGlobal('fetch', fake.fn);
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    stop();
    expect(fake.calls[0].headers.Authorization).toBe('Bearer abc');
    expect(listener).toHaveBeenCalledOnce();
    expect(tokenStore.get()).toBeNull();
  });
  it('forgets an expired token before sending it', () => {
    tokenStore.set('old', -1);
    expect(tokenStore.get()).toBeNull();
  });
  it('tells a pending report (202) from a ready one', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    let calls = 0;
    const fake = fakeFetch([
      [
        /report$/,
        () => (++calls === 1 ? { status: 202, body: { status: 'pending', retry_after: 3 } } : { status: 200, body: { id: 1, technical_score: 50 } }),
      ],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    expect(await api.getReport(4)).toEqual({ state: 'pending', retryAfterMs: 3000 });
    expect(await api.getReport(4)).toMatchObject({ state: 'ready', report: { technical_score: 50 } });
  });
  it('polls a report just asked for by the finer hint, in milliseconds', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    const fake = fakeFetch([
      [/report$/, () => ({ status: 202, body: { status: 'pending', retry_after: 1, retry_after_ms: 250 }, headers: { 'Retry-After': '1' } })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    expect(await api.getReport(4)).toEqual({ state: 'pending', retryAfterMs: 250 });
  });
  it('says "network" when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.me()).rejects.toMatchObject({ status: 0, message: 'network' });
  });
});

describe('idempotent requests', () => {
  it('send the key and retry a network failure or a 503 with the same key', async () => {
    vi.useFakeTimers();
    setConfig({ apiUrl: 'http://api.test' });
    tokenStore.set('abc', 60);
    let calls = 0;
    const fake = fakeFetch([[/POST http:\/\/api\.test\/transcripts$/, () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      if (calls === 2) return { status: 503, body: { detail: 'Database unavailable' } };
      return { status: 201, body: { id: 7 } };
    }]]);
    vi.stubGlobal('fetch', fake.fn);
    const pending = api.createTranscript(1, 'User', 'An answer', 2, 'key-1');
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toMatchObject({ id: 7 });
    expect(fake.calls.map((call) => call.headers['Idempotency-Key'])).toEqual(['key-1', 'key-1', 'key-1']);
    vi.useRealTimers();
  });
  it('do not retry a 4xx, and requests without a key are never retried', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    const fake = fakeFetch([
      [/POST http:\/\/api\.test\/transcripts$/, () => ({ status: 422, body: { detail: 'bad' } })],
      [/POST http:\/\/api\.test\/interviews\/3\/start$/, () => ({ status: 503, body: { detail: 'down' } })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    await expect(api.createTranscript(1, 'User', 'x', null)).rejects.toMatchObject({ status: 422 });
    await expect(api.startInterview(3)).rejects.toMatchObject({ status: 503 });
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[0].headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
