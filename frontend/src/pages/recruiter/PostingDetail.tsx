import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { JobPosting, Language } from '../../api/types';
import { Select, TextInput } from '../../components/Field';
import { InterviewTable } from '../../components/InterviewTable';
import { useCandidateLabel } from '../../components/CandidateName';
import { ErrorMessage, Notice, QueryState, StatusBadge } from '../../components/Status';
import { localInputToIso } from '../../lib/format';
import { sortInterviews } from '../../lib/interviews';
import { PostingForm } from './PostingForm';

export function PostingDetail() {
  const { id } = useParams();
  const postingId = Number(id);
  const posting = useQuery({ queryKey: ['job-posting', postingId], queryFn: () => api.getJobPosting(postingId), enabled: postingId > 0 });
  return <QueryState query={posting}>{(data) => <PostingBody posting={data} />}</QueryState>;
}

function PostingBody({ posting }: { posting: JobPosting }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const interviews = useQuery({
    queryKey: ['interviews', { job_posting_id: posting.id }],
    queryFn: () => api.listInterviews({ job_posting_id: posting.id, limit: 500 }),
  });
  const update = useMutation({
    mutationFn: (body: Parameters<typeof api.updateJobPosting>[1]) => api.updateJobPosting(posting.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['job-posting', posting.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['job-postings'] });
      setSaved(true);
    },
  });
  const closed = posting.status === 'closed';
  return (
    <>
      <div className="page-head">
        <h1>
          {posting.title} <StatusBadge status={posting.status} />
        </h1>
        <div className="button-row">
          <Link className="btn" to={`/recruiter/postings/${posting.id}/compare`}>
            {t('postings.compare')}
          </Link>
          <button
            type="button"
            className={`btn ${closed ? 'btn-primary' : 'btn-danger'}`}
            disabled={update.isPending}
            onClick={() => update.mutate({ status: closed ? 'open' : 'closed' })}
          >
            {closed ? t('postings.reopen') : t('postings.close')}
          </button>
        </div>
      </div>
      <div className="two-col">
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('postings.edit')}</h2>
          <PostingForm
            key={posting.updated_at}
            initial={posting}
            submitLabel={t('common.save')}
            busyLabel={t('common.saving')}
            busy={update.isPending}
            error={update.error}
            onSubmit={(values) => {
              setSaved(false);
              update.mutate(values);
            }}
          />
          {saved && !update.isPending && <Notice tone="success">{t('postings.saved')}</Notice>}
        </section>
        <ScheduleForm posting={posting} />
      </div>
      <section className="card" aria-labelledby="posting-interviews">
        <h2 id="posting-interviews">{t('postings.interviewsTitle')}</h2>
        <QueryState query={interviews}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('interviews.empty')}</p>
            ) : (
              <InterviewTable interviews={sortInterviews(list, 'date', 'desc')} caption={t('postings.interviewsTitle')} />
            )
          }
        </QueryState>
      </section>
    </>
  );
}

type CandidateBy = 'email' | 'id';

function ScheduleForm({ posting }: { posting: JobPosting }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidateLabel = useCandidateLabel();
  const [by, setBy] = useState<CandidateBy>('email');
  const [candidateEmail, setCandidateEmail] = useState('');
  const [candidateId, setCandidateId] = useState('');
  const [when, setWhen] = useState('');
  const [language, setLanguage] = useState<Language>(posting.language);
  const schedule = useMutation({
    mutationFn: api.createInterview,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
      setCandidateEmail('');
      setCandidateId('');
      setWhen('');
    },
  });
  const fieldErrors = schedule.error instanceof ApiError ? schedule.error.fieldErrors : {};
  const noCandidate = schedule.error instanceof ApiError && schedule.error.status === 404;
  const noCandidateText = by === 'email' ? t('postings.noCandidateEmail') : t('postings.noCandidateId');
  function submit(event: FormEvent) {
    event.preventDefault();
    schedule.mutate({
      job_posting_id: posting.id,
      ...(by === 'email' ? { candidate_email: candidateEmail.trim() } : { candidate_id: Number(candidateId) }),
      language,
      scheduled_time: localInputToIso(when),
    });
  }
  return (
    <section className="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('postings.schedule')}</h2>
      {posting.status === 'closed' ? (
        <Notice tone="info">{t('postings.closedNote')}</Notice>
      ) : (
        <form onSubmit={submit} data-testid="schedule-form">
          <fieldset className="field">
            <legend>{t('postings.candidateBy')}</legend>
            <div className="radio-row">
              {(['email', 'id'] as const).map((option) => (
                <label key={option} className="radio">
                  <input
                    type="radio"
                    name="candidate_by"
                    value={option}
                    checked={by === option}
                    onChange={() => {
                      setBy(option);
                      schedule.reset();
                    }}
                  />
                  {option === 'email' ? t('postings.byEmail') : t('postings.byId')}
                </label>
              ))}
            </div>
          </fieldset>
          {by === 'email' ? (
            <TextInput
              label={t('postings.candidateEmail')}
              hint={t('postings.candidateEmailHint')}
              name="candidate_email"
              type="email"
              autoComplete="off"
              required
              value={candidateEmail}
              onChange={(e) => setCandidateEmail(e.target.value)}
              error={fieldErrors.candidate_email ?? (noCandidate ? noCandidateText : undefined)}
            />
          ) : (
            <TextInput
              label={t('postings.candidateId')}
              hint={t('postings.candidateIdHint')}
              name="candidate_id"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              required
              value={candidateId}
              onChange={(e) => setCandidateId(e.target.value)}
              error={fieldErrors.candidate_id ?? (noCandidate ? noCandidateText : undefined)}
            />
          )}
          <TextInput
            label={
              <>
                {t('postings.scheduledTime')} <span className="muted">{t('common.optional')}</span>
              </>
            }
            name="scheduled_time"
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            error={fieldErrors.scheduled_time}
          />
          <Select label={t('postings.language')} name="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <option value="ko">{t('languages.ko')}</option>
            <option value="en">{t('languages.en')}</option>
          </Select>
          {schedule.isError && !noCandidate && <ErrorMessage error={schedule.error} />}
          {schedule.isSuccess && (
            <Notice tone="success">
              {t('postings.scheduled', { id: schedule.data.id, count: schedule.data.questions.length, name: candidateLabel(schedule.data) })}{' '}
              <Link to={`/recruiter/interviews/${schedule.data.id}`}>{t('interviews.open')}</Link>
            </Notice>
          )}
          <button type="submit" className="btn btn-primary" disabled={schedule.isPending}>
            {schedule.isPending ? t('postings.scheduling') : t('postings.scheduleButton')}
          </button>
        </form>
      )}
    </section>
  );
}
