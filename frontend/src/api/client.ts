import i18n from 'i18next';
import { getConfig } from '../config';

/** An error answered by the API (or the network): its status, the API's `detail` as the message,
 * and the API's `code` (e.g. `not_open_yet`), which is what the screens translate. */
export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: Record<string, string>;
  /** Per field, the `type` of its 422 item (e.g. `password_too_common`): what a form translates. */
  readonly fieldCodes: Record<string, string>;
  /** The API's error code; null when the body had none (the network, an older API, a proxy's page). */
  readonly code: string | null;
  constructor(
    status: number,
    message: string,
    fieldErrors: Record<string, string> = {},
    fieldCodes: Record<string, string> = {},
    code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.fieldCodes = fieldCodes;
    this.code = code;
  }
}

interface ValidationItem {
  loc?: (string | number)[];
  msg?: string;
  type?: string;
  ctx?: Record<string, unknown>;
}

/** A 422 item in the user's language (errors.fields.<type>, with the limits of its ctx), else
 * the API's own words. */
function fieldMessage(item: ValidationItem, msg: string): string {
  const key = `errors.fields.${item.type ?? ''}`;
  if (!item.type || !i18n.isInitialized || !i18n.exists(key)) return msg;
  const values: Record<string, string> = { msg: msg.replace(/^Value error, /, '') };
  for (const [name, value] of Object.entries(item.ctx ?? {})) values[name] = String(value);
  return i18n.t(key, values);
}

/** Turns `{"detail": "...", "code": "..."}` or a 422 `{"detail": [{loc, msg}], "code": ...}` into a
 * message, the code and per-field errors. */
export function parseErrorBody(status: number, body: unknown): ApiError {
  const { detail, code: rawCode } = (body !== null && typeof body === 'object' ? body : {}) as { detail?: unknown; code?: unknown };
  const code = typeof rawCode === 'string' && rawCode ? rawCode : null;
  if (typeof detail === 'string') return new ApiError(status, detail, {}, {}, code);
  if (Array.isArray(detail)) {
    const fields: Record<string, string> = {};
    const codes: Record<string, string> = {};
    const messages: string[] = [];
    for (const item of detail as ValidationItem[]) {
      const loc = (item.loc ?? []).filter((part) => part !== 'body');
      const field = loc.length ? String(loc[loc.length - 1]) : '';
      const msg = item.msg ?? 'invalid';
      if (field && !fields[field]) {
        fields[field] = fieldMessage(item, msg);
        if (item.type) codes[field] = item.type;
      }
      messages.push(field ? `${field}: ${msg}` : msg);
    }
    return new ApiError(status, messages.join('; ') || `HTTP ${status}`, fields, codes, code);
  }
  return new ApiError(status, `HTTP ${status}`, {}, {}, code);
}

/** Where the web app kept its token before it lived in memory only: removed on start. */
export const LEGACY_TOKEN_KEY = 'interview.token';

interface HeldToken {
  token: string;
  expiresAt: number;
}

// The access token, in this module's memory only: never in localStorage or sessionStorage, so a
// script injected into the page finds no credential that outlives the page. A reload gets a new
// one from the session cookie (httpOnly: no script reads it), see auth/session.ts.
let held: HeldToken | null = null;

export const tokenStore = {
  get(): string | null {
    if (held && Date.now() >= held.expiresAt) held = null;
    return held?.token ?? null;
  },
  set(token: string, expiresInSeconds: number): void {
    held = { token, expiresAt: Date.now() + expiresInSeconds * 1000 };
  },
  clear(): void {
    held = null;
  },
  /** Milliseconds since the epoch when the token expires, or null without one. */
  expiresAt(): number | null {
    return held?.expiresAt ?? null;
  },
};

/** Removes what older versions of the app kept in localStorage (a copy of the access token). */
export function forgetStoredToken(): void {
  try {
    localStorage.removeItem(LEGACY_TOKEN_KEY);
  } catch {
    /* storage unavailable: nothing was kept there either */
  }
}

/** Gets a new access token after a 401 (the session cookie): true when there is one. */
type Renewer = () => Promise<boolean>;
let renewer: Renewer | null = null;

export function setRenewer(renew: Renewer | null): void {
  renewer = renew;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever a request with a token is answered 401 (expired or revoked token). */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Signs out as a 401 would: the token forgotten, the listeners told (the sign-in has ended). */
export function signalUnauthorized(): void {
  tokenStore.clear();
  unauthorizedListeners.forEach((listener) => listener());
}

export interface RawResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface RequestOptions {
  body?: unknown;
  auth?: boolean;
  signal?: AbortSignal;
  /** Sent as Idempotency-Key: the request is then retried on a network error or a 502/503/504,
   * and the server answers a retry with the first response (nothing stored twice). */
  idempotencyKey?: string;
  /** More request headers (e.g. X-Session on POST /token). */
  headers?: Record<string, string>;
}

/** A new Idempotency-Key: one per request the user means, the same on its retries. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

const RETRY_DELAYS_MS = [500, 1500, 3500];
const RETRIED_STATUSES = new Set([0, 502, 503, 504]);

export async function requestRaw<T>(method: string, path: string, options: RequestOptions = {}): Promise<RawResponse<T>> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await requestOnce<T>(method, path, options);
    } catch (error) {
      const retry = options.idempotencyKey !== undefined && attempt < RETRY_DELAYS_MS.length
        && error instanceof ApiError && RETRIED_STATUSES.has(error.status);
      if (!retry) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

async function requestOnce<T>(method: string, path: string, options: RequestOptions, renewed = false): Promise<RawResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = options.auth === false ? null : tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${getConfig().apiUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network');
  }
  let data: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && options.auth !== false) {
      // Once: a new access token from the session, then the same request again; else signed out.
      if (token && !renewed && renewer && (await renewer())) return requestOnce<T>(method, path, options, true);
      signalUnauthorized();
    }
    throw parseErrorBody(response.status, data);
  }
  return { status: response.status, headers: response.headers, data: data as T };
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestRaw<T>(method, path, options)).data;
}

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
