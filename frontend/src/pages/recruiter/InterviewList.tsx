import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import type { InterviewStatus } from '../../api/types';
import { Select, TextInput } from '../../components/Field';
import { InterviewTable } from '../../components/InterviewTable';
import { QueryState } from '../../components/Status';
import { filterInterviews, sortInterviews, type SortDir, type SortKey } from '../../lib/interviews';
import { useUrlFilters } from '../../lib/useUrlFilters';

const STATUSES: InterviewStatus[] = ['scheduled', 'live', 'completed', 'cancelled'];
const SORT_KEYS: SortKey[] = ['date', 'score', 'status', 'position'];

export function InterviewList() {
  const { t } = useTranslation();
  const [params, update] = useUrlFilters();
  const status = (params.get('status') ?? '') as InterviewStatus | '';
  const posting = params.get('posting') ?? '';
  const search = params.get('q') ?? '';
  const sort = (SORT_KEYS.includes(params.get('sort') as SortKey) ? params.get('sort') : 'date') as SortKey;
  const dir = (params.get('dir') === 'asc' ? 'asc' : 'desc') as SortDir;

  const postings = useQuery({ queryKey: ['job-postings', 'all'], queryFn: () => api.listJobPostings() });
  const interviews = useQuery({
    queryKey: ['interviews', { status, posting }],
    queryFn: () => api.listInterviews({ status: status || undefined, job_posting_id: posting ? Number(posting) : undefined, kind: 'real', limit: 500 }),
  });
  const shown = useMemo(
    () => (interviews.data ? sortInterviews(filterInterviews(interviews.data, search), sort, dir) : []),
    [interviews.data, search, sort, dir],
  );

  return (
    <>
      <h1>{t('interviews.title')}</h1>
      <p className="muted">{t('interviews.intro')}</p>
      <section className="card" aria-label={t('interviews.title')}>
        <div className="toolbar" role="search">
          <Select label={t('interviews.filterStatus')} name="status" value={status} onChange={(e) => update('status', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((item) => (
              <option key={item} value={item}>
                {t(`status.${item}`)}
              </option>
            ))}
          </Select>
          <Select label={t('interviews.filterPosting')} name="posting" value={posting} onChange={(e) => update('posting', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(postings.data ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </Select>
          <TextInput label={t('interviews.search')} name="q" type="search" value={search} onChange={(e) => update('q', e.target.value)} />
          <Select label={t('interviews.sortBy')} name="sort" value={sort} onChange={(e) => update('sort', e.target.value)}>
            {SORT_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(key === 'date' ? 'common.date' : key === 'score' ? 'common.score' : key === 'status' ? 'common.status' : 'common.position')}
              </option>
            ))}
          </Select>
          <Select label={t('interviews.sortDir')} name="dir" value={dir} onChange={(e) => update('dir', e.target.value)}>
            <option value="desc">{t('interviews.desc')}</option>
            <option value="asc">{t('interviews.asc')}</option>
          </Select>
        </div>
        <QueryState query={interviews}>
          {() =>
            shown.length === 0 ? (
              <p className="muted">{t('interviews.empty')}</p>
            ) : (
              <>
                <p className="muted small" aria-live="polite">
                  {t('interviews.count', { count: shown.length })}
                </p>
                <InterviewTable interviews={shown} caption={t('interviews.title')} />
              </>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
