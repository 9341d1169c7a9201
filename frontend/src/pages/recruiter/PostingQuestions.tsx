import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { BankQuestion, DroppedProposal, JobPosting, QuestionDraftRequest, QuestionGeneration, ReviewDecision } from '../../api/types';
import { Select } from '../../components/Field';
import { RubricSummary } from '../../components/RubricSummary';
import { errorMessage, Loading, Notice, QueryState } from '../../components/Status';
import { formatDate } from '../../lib/format';

/** How often the requests are read again while one is queued or running (a real model may take a minute). */
export const DRAFTS_POLL_MS = 2000;
const COUNTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const DEFAULT_COUNT = 5;

/** The drafting API's own error codes, translated here (generation.errors.<code>). */
export const DRAFT_ERROR_CODES = ['generation_unavailable', 'generation_running', 'not_a_draft', 'draft_not_approved'] as const;
/** Why drafting is unavailable (generation.unavailable.<code>); any other code reads `other`. */
export const UNAVAILABLE_CODES = ['no_llm', 'no_embedder'] as const;

function apiCode(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

export function draftErrorMessage(error: unknown, t: TFunction): string {
  const code = apiCode(error);
  if (code !== null && (DRAFT_ERROR_CODES as readonly string[]).includes(code)) return t(`generation.errors.${code}`);
  return errorMessage(error, t);
}

/** Never the server's English `reason`: the code, translated. */
export function unavailableMessage(generation: QuestionGeneration, t: TFunction): string {
  const code = generation.code !== null && (UNAVAILABLE_CODES as readonly string[]).includes(generation.code) ? generation.code : 'other';
  return t(`generation.unavailable.${code}`);
}

/** `llm:solar-pro2` -> `solar-pro2`: the prefix only says the text came from the language model. */
export function modelName(model: string | null | undefined): string {
  return (model ?? '').replace(/^llm:/, '');
}

const working = (request: QuestionDraftRequest | undefined) => request?.status === 'queued' || request?.status === 'running';

function DraftError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <span>{draftErrorMessage(error, t)}</span>
    </div>
  );
}

/** The posting page's "Questions from this description": ask the model for drafts, watch the request, review
 * the drafts. Members of the posting's organization only (the API refuses everyone else). */
export function PostingQuestions({ posting, pollMs = DRAFTS_POLL_MS }: { posting: JobPosting; pollMs?: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [count, setCount] = useState(DEFAULT_COUNT);
  const generation = useQuery({ queryKey: ['question-generation'], queryFn: api.questionGeneration, staleTime: 60_000 });
  const requestsKey = ['question-draft-requests', posting.id];
  const requests = useQuery({
    queryKey: requestsKey,
    queryFn: () => api.listQuestionDraftRequests(posting.id),
    refetchInterval: (query) => (working(query.state.data?.[0]) ? pollMs : false),
  });
  const latest = requests.data?.[0];
  const lastDone = requests.data?.find((request) => request.status === 'done');
  const generate = useMutation({
    mutationFn: () => api.requestQuestionDrafts(posting.id, count),
    onSuccess: (created) => {
      queryClient.setQueryData<QuestionDraftRequest[]>(requestsKey, (old = []) => [created, ...old.filter((item) => item.id !== created.id)]);
    },
    onError: (error) => {
      // Someone else asked meanwhile (show their progress), or the platform lost its model.
      if (apiCode(error) === 'generation_running') void queryClient.invalidateQueries({ queryKey: requestsKey });
      if (apiCode(error) === 'generation_unavailable') void queryClient.invalidateQueries({ queryKey: ['question-generation'] });
    },
  });
  const available = generation.data?.available === true;
  const busy = generate.isPending || working(latest);
  return (
    <section className="card" aria-labelledby="drafts-title" data-testid="posting-questions">
      <h2 id="drafts-title">{t('generation.title')}</h2>
      <p className="muted small">{t('generation.intro')}</p>
      {generation.isPending ? (
        <Loading />
      ) : (
        <form
          className="form-row"
          data-testid="generate-form"
          onSubmit={(event) => {
            event.preventDefault();
            generate.mutate();
          }}
        >
          <Select label={t('generation.count')} name="count" value={String(count)} onChange={(e) => setCount(Number(e.target.value))} disabled={!available || busy}>
            {COUNTS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </Select>
          <span />
          <button type="submit" className="btn btn-primary" disabled={!available || busy} aria-describedby={available ? undefined : 'generation-unavailable'}>
            {generate.isPending ? t('generation.asking') : t('generation.generate')}
          </button>
        </form>
      )}
      {generation.isError && <DraftError error={generation.error} />}
      {generation.data && !generation.data.available && (
        <div className="alert alert-info" id="generation-unavailable" data-testid="generation-unavailable" data-code={generation.data.code ?? ''}>
          {unavailableMessage(generation.data, t)}
        </div>
      )}
      {available && !posting.description?.trim() && <p className="muted small">{t('generation.noDescription')}</p>}
      {generate.isError && <DraftError error={generate.error} />}
      {requests.isError && <DraftError error={requests.error} />}
      {latest && <RequestStatus request={latest} />}
      {lastDone && lastDone.dropped.length > 0 && <DroppedList request={lastDone} />}
      <Drafts posting={posting} refreshedBy={latest ? `${latest.id}:${latest.status}` : ''} waiting={working(latest)} />
    </section>
  );
}

function RequestStatus({ request }: { request: QuestionDraftRequest }) {
  const { t, i18n } = useTranslation();
  const time = formatDate(request.finished_at ?? request.created_at, i18n.language);
  if (working(request)) {
    return (
      <div className="progress-wrap" role="status" aria-live="polite" data-testid="draft-request" data-status={request.status}>
        <p className="small">
          <span className="spinner" aria-hidden="true" /> {request.status === 'queued' ? t('generation.status.queued', { count: request.count }) : t('generation.status.running', { count: request.count })}
        </p>
        <div className="indeterminate" aria-hidden="true">
          <span />
        </div>
      </div>
    );
  }
  if (request.status === 'failed') {
    return (
      <div className="alert alert-error alert-block" role="alert" data-testid="draft-request" data-status="failed">
        <strong>{t('generation.status.failed', { time })}</strong>
        {request.error && <p className="small">{t('generation.failedReason', { reason: request.error })}</p>}
        <p className="small">{t('generation.failedHint')}</p>
      </div>
    );
  }
  return (
    <div className="alert alert-success" role="status" data-testid="draft-request" data-status="done">
      {t('generation.status.done', { added: request.added.length, count: request.count, dropped: request.dropped.length, model: modelName(request.model), time })}
    </div>
  );
}

function dropReason(drop: DroppedProposal, request: QuestionDraftRequest, t: TFunction): string {
  const similarity = drop.similarity == null ? '–' : drop.similarity.toFixed(2);
  if (drop.reason === 'near_duplicate') {
    return drop.similar_to != null
      ? t('generation.dropped.nearDuplicate', { id: drop.similar_to, similarity })
      : t('generation.dropped.nearDuplicateProposal', { similarity });
  }
  if (drop.reason === 'wrong_language') return t('generation.dropped.wrongLanguage', { language: t(`languages.${request.language}`) });
  return t('generation.dropped.invalid');
}

/** What the model proposed and the platform did not keep, and why. */
function DroppedList({ request }: { request: QuestionDraftRequest }) {
  const { t } = useTranslation();
  return (
    <details className="small" open data-testid="dropped">
      <summary>
        <strong>{t('generation.dropped.title', { count: request.dropped.length })}</strong>
      </summary>
      <ul className="item-list">
        {request.dropped.map((drop, index) => (
          <li key={index} className="item" data-testid="dropped-item" data-reason={drop.reason}>
            <div className="question-main">
              <p className="muted">{drop.content}</p>
              <p>
                <span className="badge badge-needs-review">{t(`generation.dropped.reasons.${drop.reason}`)}</span> {dropReason(drop, request, t)}
                {drop.reason === 'invalid' && drop.detail && <code className="muted"> {drop.detail}</code>}
              </p>
              {drop.similar_to != null && <RepeatedQuestion id={drop.similar_to} proposal={drop.content} />}
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The bank question a near-duplicate repeats (its words unless the same as the proposal's), when the
 * caller may open it. */
function RepeatedQuestion({ id, proposal }: { id: number; proposal: string }) {
  const { t } = useTranslation();
  const question = useQuery({ queryKey: ['bank-question', id], queryFn: () => api.getBankQuestion(id), retry: false });
  if (!question.data) return null;
  const link = <Link to={`/recruiter/questions/${id}`}>#{id}</Link>;
  return (
    <p className="muted" data-testid="repeated-question">
      {question.data.content.trim() === proposal.trim() ? (
        <>
          {t('generation.dropped.verbatim')} {link}
        </>
      ) : (
        <>
          {t('generation.dropped.repeats')} {link} “{question.data.content}”
        </>
      )}
    </p>
  );
}

/** The posting's drafts, each approved or rejected here (or edited first on its own page), and the ones approved. */
function Drafts({ posting, refreshedBy, waiting }: { posting: JobPosting; refreshedBy: string; waiting: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [decided, setDecided] = useState<BankQuestion | null>(null);
  // Read again whenever the latest request changes state (its drafts arrive when it is done).
  const drafts = useQuery({
    queryKey: ['bank-questions', { status: 'draft', job_posting_id: posting.id }, refreshedBy],
    queryFn: () => api.listBankQuestions({ status: 'draft', job_posting_id: posting.id, limit: 100 }),
    placeholderData: keepPreviousData,
  });
  const approved = useQuery({
    queryKey: ['bank-questions', { status: 'approved', job_posting_id: posting.id }, refreshedBy],
    queryFn: () => api.listBankQuestions({ status: 'approved', job_posting_id: posting.id, limit: 100 }),
    placeholderData: keepPreviousData,
  });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: ReviewDecision }) => api.reviewBankQuestion(id, decision),
    onMutate: () => setDecided(null),
    onSuccess: (question) => {
      queryClient.setQueryData(['bank-question', question.id], question);
      setDecided(question);
    },
    // Decided elsewhere meanwhile (not_a_draft) or here: the lists are read again either way.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['bank-questions'] }),
  });
  return (
    <>
      {review.isError && <DraftError error={review.error} />}
      {decided && (
        <Notice tone="success">
          {decided.status === 'approved' ? t('generation.drafts.approved', { id: decided.id }) : t('generation.drafts.rejected', { id: decided.id })}
        </Notice>
      )}
      <QueryState query={drafts}>
        {(list) =>
          list.length === 0 ? (
            // While a request runs its progress says enough.
            !waiting && (
              <p className="muted small" data-testid="no-drafts">
                {t('generation.drafts.empty')}
              </p>
            )
          ) : (
            <>
              <h3>{t('generation.drafts.title', { count: list.length })}</h3>
              <p className="muted small">{t('generation.drafts.intro')}</p>
              <ul className="item-list" data-testid="draft-list">
                {list.map((question) => (
                  <DraftItem
                    key={question.id}
                    question={question}
                    busy={review.isPending && review.variables?.id === question.id}
                    onDecide={(decision) => review.mutate({ id: question.id, decision })}
                  />
                ))}
              </ul>
            </>
          )
        }
      </QueryState>
      {approved.data && approved.data.length > 0 && (
        <>
          <h3>{t('generation.drafts.approvedTitle', { count: approved.data.length })}</h3>
          <ul className="item-list small" data-testid="approved-list">
            {approved.data.map((question) => (
              <li key={question.id} className="item" data-testid="approved-item" data-id={question.id}>
                <span>
                  <Link to={`/recruiter/questions/${question.id}`}>#{question.id}</Link> {question.content}
                </span>
                <span className="badge badge-open">{t('questionsBank.active')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function DraftItem({ question, busy, onDecide }: { question: BankQuestion; busy: boolean; onDecide: (decision: ReviewDecision) => void }) {
  const { t } = useTranslation();
  const criteria = Array.isArray(question.rubric_json?.criteria) ? question.rubric_json.criteria : [];
  const points = Array.isArray(question.rubric_json?.expected_points) ? question.rubric_json.expected_points : [];
  return (
    <li className="item question-item" data-testid="draft-item" data-id={question.id}>
      <div className="question-main">
        <p className="question-content">
          <span className="muted small">#{question.id}</span> {question.content}
        </p>
        <p>
          <span className="badge badge-review-pending">{t('generation.drafts.badge')}</span>{' '}
          <span className="badge badge-scheduled">{t(`categories.${question.category}`)}</span>{' '}
          <span className="badge badge-neutral">{t(`difficulties.${question.difficulty}`)}</span>{' '}
          {question.generated_by && (
            <span className="badge badge-ai" data-testid="draft-model">
              {t('generation.writtenBy', { model: modelName(question.generated_by) })}
            </span>
          )}
        </p>
        <details className="small">
          <summary>
            {t('generation.drafts.rubric', { count: criteria.length })}{' '}
            <span className="muted" data-testid="draft-criteria">
              {criteria.map((criterion) => criterion?.name).join(' · ')}
            </span>
          </summary>
          <RubricSummary criteria={criteria} points={points} />
        </details>
      </div>
      <div className="question-side">
        <div className="button-row">
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => onDecide('approve')} aria-label={t('generation.drafts.approveLabel', { id: question.id })}>
            {t('generation.drafts.approve')}
          </button>
          <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => onDecide('reject')} aria-label={t('generation.drafts.rejectLabel', { id: question.id })}>
            {t('generation.drafts.reject')}
          </button>
          <Link className="btn btn-small" to={`/recruiter/questions/${question.id}`} aria-label={t('generation.drafts.editLabel', { id: question.id })}>
            {t('common.edit')}
          </Link>
        </div>
      </div>
    </li>
  );
}
