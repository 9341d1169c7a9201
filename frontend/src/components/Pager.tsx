import { useTranslation } from 'react-i18next';

/** Previous / next paging for lists the API returns a page at a time (limit + offset). Shown
 * only when there is more than one page to move between. */
export function Pager({
  page,
  shown,
  pageSize,
  onPage,
}: {
  page: number;
  shown: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (page <= 1 && shown < pageSize) return null;
  return (
    <nav className="button-row pager" aria-label={t('common.pagination')}>
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span aria-current="page">{t('common.page', { page })}</span>
      <button type="button" className="btn btn-small" disabled={shown < pageSize} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
