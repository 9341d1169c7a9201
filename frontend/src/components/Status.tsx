import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** The API's own words (`detail`), when it gave some beyond the bare status. */
function apiDetail(error: ApiError): string | null {
  return error.message && !/^HTTP \d+$/.test(error.message) ? error.message : null;
}

export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const detail = apiDetail(error);
    if (error.status === 0) return t('errors.network');
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
