import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { JobPosting, Language } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { canInvite, isMember } from '../../auth/permissions';
import { TextInput } from '../../components/Field';
import { InterviewTable } from '../../components/InterviewTable';
import { checkEmails, EmailsField, InvitationList, InviteFormEnd, invitationsRefetchInterval } from '../../components/Invitations';
import { Notice, QueryState, StatusBadge } from '../../components/Status';
import { localInputToIso } from '../../lib/format';
import { MAX_EMAILS } from '../../lib/invitations';
import { sortInterviews } from '../../lib/interviews';
import { PostingForm } from './PostingForm';
import { PostingQuestions } from './PostingQuestions';

export function PostingDetail() {
  const { id } = useParams();
  const postingId = Number(id);
  const posting = useQuery({ queryKey: ['job-posting', postingId], queryFn: () => api.getJobPosting(postingId), enabled: postingId > 0 });
  return <QueryState query={posting}>{(data) => <PostingBody posting={data} />}</QueryState>;
}

function PostingBody({ posting }: { posting: JobPosting }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const interviews = useQuery({
    queryKey: ['interviews', { job_posting_id: posting.id }],
    queryFn: () => api.listInterviews({ job_posting_id: posting.id, kind: 'real', limit: 500 }),
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
        {canInvite(user) ? (
          <InviteCandidatesForm posting={posting} />
        ) : (
          <section className="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t('invitations.inviteCandidates')}</h2>
            <Notice tone="info">{t('invitations.adminNote')}</Notice>
          </section>
        )}
      </div>
      {isMember(user) ? (
        <PostingQuestions posting={posting} />
      ) : (
        <section className="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t('generation.title')}</h2>
          <Notice tone="info">{t('generation.adminNote')}</Notice>
        </section>
      )}
      <PostingInvitations posting={posting} />
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

/** Invite candidates by e-mail: one or many addresses, an optional deadline, a retake, the language. */
export function InviteCandidatesForm({ posting }: { posting: JobPosting }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [deadline, setDeadline] = useState('');
  const [retake, setRetake] = useState(false);
  const [language, setLanguage] = useState<Language>(posting.language);
  const [problems, setProblems] = useState<{ emails?: string; deadline?: string }>({});
  const invite = useMutation({
    mutationFn: (body: Parameters<typeof api.inviteCandidates>[1]) => api.inviteCandidates(posting.id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
      setText('');
    },
  });
  const fieldErrors = invite.error instanceof ApiError ? invite.error.fieldErrors : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkEmails(text, t);
    const when = localInputToIso(deadline);
    const next: typeof problems = {};
    if (checked.error) next.emails = checked.error;
    if (deadline && (!when || new Date(when).getTime() <= Date.now())) next.deadline = t('invitations.errors.deadlinePast');
    setProblems(next);
    if (next.emails || next.deadline) return;
    invite.mutate({ emails: checked.emails, deadline: when, retake, language });
  }
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('invitations.inviteCandidates')}</h2>
      {posting.status === 'closed' ? (
        <Notice tone="info">{t('postings.closedNote')}</Notice>
      ) : (
        <form onSubmit={submit} noValidate data-testid="invite-form">
          <p className="muted small">{t('invitations.candidateIntro')}</p>
          <EmailsField
            label={t('invitations.emails')}
            hint={t('invitations.emailsHint', { max: MAX_EMAILS })}
            value={text}
            onChange={setText}
            error={problems.emails ?? fieldErrors.emails}
          />
          <TextInput
            label={
              <>
                {t('invitations.deadline')} <span className="muted">{t('common.optional')}</span>
              </>
            }
            hint={t('invitations.deadlineHint')}
            name="deadline"
            type="datetime-local"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            error={problems.deadline ?? fieldErrors.deadline}
          />
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="retake" checked={retake} onChange={(e) => setRetake(e.target.checked)} /> {t('invitations.retakeLabel')}
            </label>
            <small className="hint">{t('invitations.retakeHint')}</small>
          </div>
          <InviteFormEnd languageLabel={t('invitations.language')} language={language} onLanguage={setLanguage} invite={invite} />
        </form>
      )}
    </section>
  );
}

function PostingInvitations({ posting }: { posting: JobPosting }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const invitations = useQuery({
    queryKey: ['invitations', { job_posting_id: posting.id }],
    queryFn: () => api.listInvitations({ job_posting_id: posting.id, kind: 'candidate', limit: 500 }),
    refetchInterval: invitationsRefetchInterval,
  });
  return (
    <section className="card" aria-labelledby="posting-invitations">
      <h2 id="posting-invitations">{t('invitations.postingTitle')}</h2>
      <QueryState query={invitations}>
        {(list) => <InvitationList invitations={list} canManage={canInvite(user)} interviewLink />}
      </QueryState>
    </section>
  );
}
