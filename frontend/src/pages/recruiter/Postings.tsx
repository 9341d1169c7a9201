import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthContext';
import { isMember } from '../../auth/permissions';
import type { JobPostingStatus } from '../../api/types';
import { Select } from '../../components/Field';
import { Notice, QueryState, StatusBadge } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { PostingForm } from './PostingForm';

export function Postings() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<JobPostingStatus | ''>('');
  const [showForm, setShowForm] = useState(false);
  const { user } = useAuth();
  const canCreate = isMember(user);
  const postings = useQuery({ queryKey: ['job-postings', status || 'all'], queryFn: () => api.listJobPostings(status || undefined) });
  const create = useMutation({
    mutationFn: api.createJobPosting,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['job-postings'] });
      navigate(`/recruiter/postings/${created.id}`);
    },
  });
  return (
    <>
      <div className="page-head">
        <h1>{t('postings.title')}</h1>
        {canCreate && (
          <button type="button" className="btn btn-primary" aria-expanded={showForm} aria-controls="new-posting" onClick={() => setShowForm(!showForm)}>
            {t('postings.create')}
          </button>
        )}
      </div>
      {!canCreate && <Notice tone="info">{t('postings.adminNote')}</Notice>}
      {canCreate && showForm && (
        <section id="new-posting" className="card" aria-labelledby="new-posting-title">
          <h2 id="new-posting-title">{t('postings.create')}</h2>
          <PostingForm
            submitLabel={t('postings.create')}
            busyLabel={t('postings.creating')}
            busy={create.isPending}
            error={create.error}
            onSubmit={(values) => create.mutate({ ...values, description: values.description || undefined })}
          />
        </section>
      )}
      <section className="card" aria-label={t('postings.title')}>
        <div className="toolbar">
          <Select label={t('postings.filter')} value={status} onChange={(e) => setStatus(e.target.value as JobPostingStatus | '')}>
            <option value="">{t('common.all')}</option>
            <option value="open">{t('status.open')}</option>
            <option value="closed">{t('status.closed')}</option>
          </Select>
        </div>
        <QueryState query={postings}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('postings.empty')}</p>
            ) : (
              <ul className="item-list" data-testid="postings">
                {list.map((posting) => (
                  <li key={posting.id} className="item">
                    <div>
                      <Link to={`/recruiter/postings/${posting.id}`}>
                        <strong>{posting.title}</strong>
                      </Link>{' '}
                      <StatusBadge status={posting.status} />
                      <div className="muted small">
                        {posting.position} · {t(`languages.${posting.language}`)} · {formatDate(posting.created_at, i18n.language)}
                      </div>
                      {(posting.ai_scoring === false || posting.candidates_see_scores) && (
                        <div className="button-row posting-settings">
                          {posting.ai_scoring === false && (
                            <span className="badge badge-neutral" data-testid="ai-scoring-off">
                              {t('postings.aiScoringOffBadge')}
                            </span>
                          )}
                          {posting.candidates_see_scores && (
                            <span className="badge badge-neutral" data-testid="scores-shared">
                              {t('postings.scoresSharedBadge')}
                            </span>
                          )}
                        </div>
                      )}
                    </div>
                    <Link className="btn btn-small" to={`/recruiter/postings/${posting.id}/compare`}>
                      {t('postings.compare')}
                    </Link>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
