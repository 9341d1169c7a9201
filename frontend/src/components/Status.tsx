import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** The API's error codes the web app translates (errors.codes.<code> in both languages). The
 * API's `detail` is shown only for an error without one of these codes. */
export const ERROR_CODES = [
  'not_found',
  'forbidden',
  'conflict',
  'unauthenticated',
  'invalid_input',
  'validation_error',
  'not_configured',
  'upstream_error',
  'too_many_requests',
  'consent_required',
  'notice_changed',
  'not_open_yet',
  'interview_closed',
  'deadline_passed',
  'question_not_in_interview',
  'answer_limit',
  'daily_limit',
  'posting_closed',
  'session_ended',
  'generation_unavailable',
  'generation_running',
  'not_a_draft',
  'draft_not_approved',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error's API code when it is one the web app translates. */
export function knownErrorCode(error: unknown): ErrorCode | null {
  if (!(error instanceof ApiError) || error.code === null) return null;
  return (ERROR_CODES as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : null;
}

/** The API's own words (`detail`), when it gave some beyond the bare status. */
function apiDetail(error: ApiError): string | null {
  return error.message && !/^HTTP \d+$/.test(error.message) ? error.message : null;
}

/** The API's words to show beside a screen's own message: none when the code is a translated one
 * (they would be English in the Korean screen and say nothing more). */
export function untranslatedDetail(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || knownErrorCode(error) !== null) return undefined;
  return apiDetail(error) ?? undefined;
}

/** The one place an error becomes words: by its code when the API gave a known one, else by status. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const detail = apiDetail(error);
    if (error.status === 0) return t('errors.network');
    const code = knownErrorCode(error);
    if (code !== null) return t(`errors.codes.${code}`);
    if (error.status === 401) return t('errors.unauthorized');
    if (error.status === 403) return detail ? t('errors.forbiddenDetail', { detail }) : t('errors.forbidden');
    if (error.status === 404) return detail ? t('errors.notFoundDetail', { detail }) : t('errors.notFound');
    if (error.status === 409) return t('errors.conflict', { detail: error.message });
    return t('errors.generic', { detail: error.message });
  }
  return t('errors.generic', { detail: error instanceof Error ? error.message : String(error) });
}

/** A 404: the resource does not exist or is not the caller's (the API says the same for both). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <span>{errorMessage(error, t)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

export function NotFoundMessage() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title">{t('common.notFound')}</h1>
      <p>{t('common.notFoundText')}</p>
      <Link to="/">{t('common.goHome')}</Link>
    </section>
  );
}

/** Renders the loading, error (not found included) or ready state of a query. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isNotFound(query.error)) return <NotFoundMessage />;
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data as T)}</>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
