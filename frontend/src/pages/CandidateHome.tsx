import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import type { Interview, Language } from '../api/types';
import { Select, TextInput } from '../components/Field';
import { ErrorMessage, QueryState, StatusBadge } from '../components/Status';
import { KindBadge, KindLabel } from '../components/InterviewKind';
import { formatDate, formatScore } from '../lib/format';
import { interviewDate, sortInterviews } from '../lib/interviews';

const SUGGESTED_POSITIONS = ['Backend Developer', 'Frontend Developer', 'Data Scientist', 'Product Manager', 'DevOps Engineer'];

function InterviewAction({ interview }: { interview: Interview }) {
  const { t, i18n } = useTranslation();
  if (interview.status === 'completed')
    return (
      <Link className="btn btn-small" to={`/interviews/${interview.id}/report`}>
        {t('candidate.viewReport')}
      </Link>
    );
  if (interview.status === 'cancelled') return null;
  const opens = interview.opens_at ? Date.parse(interview.opens_at) : NaN;
  if (interview.status === 'scheduled' && Number.isFinite(opens) && opens > Date.now()) {
    // Not before its window: when it opens instead of a button that could only be refused.
    return (
      <span className="muted small" data-testid="opens-at">
        {t('candidate.opensAt', { date: formatDate(interview.opens_at, i18n.language) })}
      </span>
    );
  }
  return (
    <Link className="btn btn-small btn-primary" to={`/interviews/${interview.id}/room`}>
      {interview.status === 'live' ? t('candidate.continue') : t('candidate.enter')}
    </Link>
  );
}

export function CandidateHome() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [position, setPosition] = useState('');
  const [language, setLanguage] = useState<Language>(i18n.language === 'ko' ? 'ko' : 'en');
  const interviews = useQuery({ queryKey: ['interviews', 'mine'], queryFn: () => api.listInterviews({ limit: 200 }) });
  const postings = useQuery({ queryKey: ['job-postings', 'open'], queryFn: () => api.listJobPostings('open') });

  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Parameters<typeof api.createInterview>[0]) => api.createInterview(body),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
      navigate(`/interviews/${created.id}/room`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!position.trim()) return;
    create.mutate({ position: position.trim(), language });
  }

  return (
    <>
      <div className="page-head">
        <h1>{t('candidate.title')}</h1>
      </div>
      <p className="muted small" data-testid="kinds-explained">
        {t('candidate.kindsExplained')}
      </p>
      <section className="card" aria-labelledby="practice-title">
        <h2 id="practice-title">{t('candidate.practiceTitle')}</h2>
        <p className="muted">{t('candidate.practiceText')}</p>
        <form onSubmit={submit} className="form-row">
          <TextInput
            label={t('candidate.positionLabel')}
            name="position"
            required
            maxLength={100}
            list="position-suggestions"
            placeholder={t('candidate.positionPlaceholder')}
            value={position}
            onChange={(event) => setPosition(event.target.value)}
          />
          <datalist id="position-suggestions">
            {SUGGESTED_POSITIONS.map((item) => (
              <option key={item} value={item} />
            ))}
          </datalist>
          <Select label={t('candidate.interviewLanguage')} name="language" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            <option value="ko">{t('languages.ko')}</option>
            <option value="en">{t('languages.en')}</option>
          </Select>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('candidate.starting') : t('candidate.start')}
          </button>
        </form>
        {create.isError && <ErrorMessage error={create.error} />}
      </section>

      <section className="card" aria-labelledby="mine-title">
        <h2 id="mine-title">{t('candidate.listTitle')}</h2>
        <QueryState query={interviews}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('candidate.empty')}</p>
            ) : (
              <ul className="item-list" data-testid="my-interviews">
                {sortInterviews(list, 'date', 'desc').map((interview) => (
                  <li key={interview.id} className="item" data-testid="my-interview" data-id={interview.id} data-kind={interview.kind}>
                    <div>
                      <strong>{interview.position}</strong> <KindBadge kind={interview.kind} /> <StatusBadge status={interview.status} />
                      {interview.kind === 'real' && (
                        <div className="small">
                          <KindLabel interview={interview} withBadge={false} />
                        </div>
                      )}
                      <div className="muted small">
                        #{interview.id} ·{' '}
                        {interview.status === 'scheduled' && interview.scheduled_time
                          ? t('candidate.scheduledFor', { date: formatDate(interview.scheduled_time, i18n.language) })
                          : formatDate(interviewDate(interview), i18n.language)}
                        {/* Real interviews' scores are the company's to share: the report says whether it does. */}
                        {interview.kind === 'practice' && interview.overall_score !== null && (
                          <>
                            {' '}
                            · {t('common.score')}: <strong>{formatScore(interview.overall_score)}</strong>
                          </>
                        )}
                      </div>
                    </div>
                    <InterviewAction interview={interview} />
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>

      <section className="card" aria-labelledby="postings-title">
        <h2 id="postings-title">{t('candidate.openPostings')}</h2>
        <QueryState query={postings}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('candidate.noPostings')}</p>
            ) : (
              <ul className="item-list">
                {list.map((posting) => (
                  <li key={posting.id} className="item">
                    <div>
                      <strong>{posting.title}</strong>
                      <div className="muted small">
                        {posting.position} · {t(`languages.${posting.language}`)}
                      </div>
                      {posting.description && <p className="small">{posting.description}</p>}
                    </div>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={create.isPending}
                      onClick={() => create.mutate({ job_posting_id: posting.id, language: posting.language })}
                    >
                      {t('candidate.practiceFor')}
                    </button>
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
