import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import {
  CATEGORIES,
  DIFFICULTIES,
  type BankQuestion,
  type BankQuestionFilters,
  type Category,
  type Difficulty,
  type Language,
  type QuestionOwner,
  type QuestionVersion,
  type ReviewDecision,
} from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { canEditQuestion } from '../../auth/permissions';
import { formatDate } from '../../lib/format';
import { Select } from '../../components/Field';
import { DebouncedText } from '../../components/DebouncedText';
import { ErrorMessage, Loading, Notice, QueryState } from '../../components/Status';
import { formatScore } from '../../lib/format';
import { draftFromQuestion, emptyDraft } from '../../lib/rubric';
import { QuestionForm } from './QuestionForm';
import { Pager } from '../../components/Pager';
import { RubricSummary } from '../../components/RubricSummary';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { draftErrorMessage, modelName } from './PostingQuestions';

const PAGE_SIZE = 20;

function useRetire() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) => api.updateBankQuestion(id, { is_active: active }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['bank-question', updated.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['bank-questions'] });
    },
  });
}

export function QuestionBank() {
  const { t } = useTranslation();
  const [params, update] = useUrlFilters();
  const category = (CATEGORIES.includes(params.get('category') as Category) ? params.get('category') : '') as Category | '';
  const difficulty = (DIFFICULTIES.includes(params.get('difficulty') as Difficulty) ? params.get('difficulty') : '') as Difficulty | '';
  const language = (['ko', 'en'].includes(params.get('language') ?? '') ? params.get('language') : '') as Language | '';
  const owner = (['platform', 'organization'].includes(params.get('owner') ?? '') ? params.get('owner') : '') as QuestionOwner | '';
  const active = (['true', 'false'].includes(params.get('active') ?? '') ? params.get('active') : '') as 'true' | 'false' | '';
  const position = params.get('position') ?? '';
  const text = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const filters: BankQuestionFilters = {
    owner: owner || undefined,
    category: category || undefined,
    difficulty: difficulty || undefined,
    language: language || undefined,
    active: active ? active === 'true' : undefined,
    position: position.trim() || undefined,
    q: text.trim() || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const questions = useQuery({
    queryKey: ['bank-questions', filters],
    queryFn: () => api.listBankQuestions(filters),
    placeholderData: keepPreviousData,
  });
  const retire = useRetire();
  const { user } = useAuth();

  return (
    <>
      <div className="page-head">
        <h1>{t('questionsBank.title')}</h1>
        <Link className="btn btn-primary" to="/recruiter/questions/new">
          + {t('questionsBank.new')}
        </Link>
      </div>
      <p className="muted">{t('questionsBank.intro')}</p>
      <p className="muted small">{user?.role === 'admin' ? t('questionsBank.ownersAdmin') : t('questionsBank.ownersRecruiter')}</p>
      <section className="card" aria-label={t('questionsBank.title')} data-testid="question-bank">
        <div className="toolbar" role="search" aria-label={t('questionsBank.filters')}>
          <DebouncedText label={t('questionsBank.search')} name="q" value={text} onCommit={(value) => update('q', value)} />
          <Select label={t('questionsBank.owner')} name="owner" value={owner} onChange={(e) => update('owner', e.target.value)}>
            <option value="">{t('common.all')}</option>
            <option value="platform">{t('questionsBank.owners.platform')}</option>
            <option value="organization">{user?.role === 'admin' ? t('questionsBank.owners.organizations') : t('questionsBank.owners.organization')}</option>
          </Select>
          <Select label={t('questionsBank.category')} name="category" value={category} onChange={(e) => update('category', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {CATEGORIES.map((item) => (
              <option key={item} value={item}>
                {t(`categories.${item}`)}
              </option>
            ))}
          </Select>
          <Select label={t('questionsBank.difficulty')} name="difficulty" value={difficulty} onChange={(e) => update('difficulty', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {DIFFICULTIES.map((item) => (
              <option key={item} value={item}>
                {t(`difficulties.${item}`)}
              </option>
            ))}
          </Select>
          <Select label={t('questionsBank.language')} name="language" value={language} onChange={(e) => update('language', e.target.value)}>
            <option value="">{t('common.all')}</option>
            <option value="ko">{t('languages.ko')}</option>
            <option value="en">{t('languages.en')}</option>
          </Select>
          <DebouncedText label={t('questionsBank.position')} name="position" value={position} onCommit={(value) => update('position', value)} />
          <Select label={t('questionsBank.status')} name="active" value={active} onChange={(e) => update('active', e.target.value)}>
            <option value="">{t('common.all')}</option>
            <option value="true">{t('questionsBank.activeOnly')}</option>
            <option value="false">{t('questionsBank.retiredOnly')}</option>
          </Select>
        </div>
        {retire.isError && <ErrorMessage error={retire.error} />}
        {retire.isSuccess && (
          <Notice tone="success">
            {retire.data.is_active ? t('questionsBank.reactivatedNotice', { id: retire.data.id }) : t('questionsBank.retiredNotice', { id: retire.data.id })}
          </Notice>
        )}
        <QueryState query={questions}>
          {(list) => (
            <>
              {list.length === 0 ? (
                <p className="muted">{t('questionsBank.empty')}</p>
              ) : (
                <>
                  <p className="muted small" aria-live="polite">
                    {questions.isFetching ? <span className="spinner" aria-hidden="true" /> : null} {t('questionsBank.shown', { count: list.length })}
                  </p>
                  <ul className="item-list" data-testid="question-list">
                    {list.map((question) => (
                      <QuestionItem
                        key={question.id}
                        question={question}
                        editable={canEditQuestion(user, question)}
                        busy={retire.isPending && retire.variables?.id === question.id}
                        onToggle={() => retire.mutate({ id: question.id, active: !question.is_active })}
                      />
                    ))}
                  </ul>
                </>
              )}
              <Pager page={page} shown={list.length} pageSize={PAGE_SIZE} onPage={(next) => update('page', String(next))} />
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}

function OwnerBadge({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const ours = question.organization_id !== null && question.organization_id === user?.organization?.id;
  return (
    <span className={`badge badge-owner-${question.owner}`} data-testid="owner-badge" data-owner={question.owner}>
      {question.owner === 'platform'
        ? t('questionsBank.owners.platform')
        : ours
          ? t('questionsBank.owners.organization')
          : t('questionsBank.owners.organizationNo', { id: question.organization_id })}
    </span>
  );
}

/** Active or retired; a drafted question awaiting review, or a rejected one, says so instead. */
function StateBadge({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  if (question.status === 'draft') return <span className="badge badge-review-pending" data-testid="question-state" data-state="draft">{t('generation.bank.draft')}</span>;
  if (question.status === 'rejected') return <span className="badge badge-closed" data-testid="question-state" data-state="rejected">{t('generation.bank.rejected')}</span>;
  return <span className={`badge ${question.is_active ? 'badge-open' : 'badge-closed'}`}>{question.is_active ? t('questionsBank.active') : t('questionsBank.retired')}</span>;
}

/** A drafted or rejected question: only a review (approve) makes it active, never the retire switch. */
const undecided = (question: BankQuestion) => question.status === 'draft' || question.status === 'rejected';

function QuestionMeta({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  return (
    <span className="question-meta">
      <OwnerBadge question={question} />{' '}
      <span className="badge badge-neutral" data-testid="question-version">
        {t('questionsBank.versionShort', { version: question.version })}
      </span>{' '}
      <StateBadge question={question} />{' '}
      <span className="badge badge-scheduled">{t(`categories.${question.category}`)}</span>{' '}
      <span className="badge badge-neutral">{t(`difficulties.${question.difficulty}`)}</span>{' '}
      <span className="badge badge-neutral">{t(`languages.${question.language}`)}</span>{' '}
      <span className="muted small">{question.position ?? t('questionsBank.anyPosition')}</span>
    </span>
  );
}

function QuestionStats({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  return (
    <dl className="question-stats" data-testid="question-stats">
      <div>
        <dt>{t('questionsBank.usageLabel')}</dt>
        <dd data-testid="usage-count">{question.usage_count}</dd>
      </div>
      <div>
        <dt>{t('questionsBank.avgScore')}</dt>
        <dd data-testid="avg-score">{question.avg_score === null ? <span className="muted">{t('questionsBank.notScored')}</span> : formatScore(question.avg_score)}</dd>
      </div>
    </dl>
  );
}

/** Why a question is read-only for this user. */
function ReadOnlyReason({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  return <>{question.organization_id === null ? t('questionsBank.curatedReadOnly') : t('questionsBank.otherOrganizationReadOnly')}</>;
}

function QuestionItem({ question, editable, busy, onToggle }: { question: BankQuestion; editable: boolean; busy: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const criteria = Array.isArray(question.rubric_json?.criteria) ? question.rubric_json.criteria : [];
  return (
    <li className={`item question-item${question.is_active ? '' : ' retired'}`} data-testid="question-item" data-id={question.id}>
      <div className="question-main">
        <p className="question-content">
          <span className="muted small">#{question.id}</span> {question.content}
        </p>
        <p>
          <QuestionMeta question={question} />
        </p>
        {criteria.length > 0 && (
          <p className="muted small">
            {t('questionsBank.rubric')}: {criteria.map((criterion) => `${criterion?.name} (${criterion?.weight})`).join(' · ')}
          </p>
        )}
      </div>
      <div className="question-side">
        <QuestionStats question={question} />
        {editable ? (
          <div className="button-row">
            <Link className="btn btn-small" to={`/recruiter/questions/${question.id}`} aria-label={`${t('common.edit')} #${question.id}`}>
              {t('common.edit')}
            </Link>
            {question.status === 'draft' && question.job_posting_id ? (
              <Link className="btn btn-small btn-primary" to={`/recruiter/postings/${question.job_posting_id}`}>
                {t('generation.bank.review')}
              </Link>
            ) : (
              !undecided(question) && (
                <button type="button" className={`btn btn-small ${question.is_active ? 'btn-danger' : ''}`} disabled={busy} onClick={onToggle}>
                  {question.is_active ? t('questionsBank.retire') : t('questionsBank.reactivate')}
                </button>
              )
            )}
          </div>
        ) : (
          <div className="read-only">
            <Link className="btn btn-small" to={`/recruiter/questions/${question.id}`} aria-label={`${t('questionsBank.view')} #${question.id}`}>
              {t('questionsBank.view')}
            </Link>
            <p className="muted small" data-testid="read-only-reason">
              <ReadOnlyReason question={question} />
            </p>
          </div>
        )}
      </div>
    </li>
  );
}

export function QuestionNew() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: api.createBankQuestion,
    onSuccess: (created) => {
      queryClient.setQueryData(['bank-question', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['bank-questions'] });
      navigate(`/recruiter/questions/${created.id}`, { state: { created: true } });
    },
  });
  return (
    <>
      <h1>{t('questionsBank.new')}</h1>
      <p>
        <Link to="/recruiter/questions">{t('questionsBank.back')}</Link>
      </p>
      <p className="muted small">
        {user?.role === 'admin' ? t('questionsBank.newForPlatform') : t('questionsBank.newForOrganization', { name: user?.organization?.name ?? '' })}
      </p>
      <section className="card" aria-label={t('questionsBank.new')}>
        <QuestionForm
          initial={emptyDraft(i18n.language === 'ko' ? 'ko' : 'en')}
          submitLabel={t('questionsBank.create')}
          busyLabel={t('questionsBank.creating')}
          busy={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input)}
        />
      </section>
    </>
  );
}

export function QuestionEdit() {
  const { id } = useParams();
  const questionId = Number(id);
  const question = useQuery({ queryKey: ['bank-question', questionId], queryFn: () => api.getBankQuestion(questionId), enabled: questionId > 0 });
  if (!(questionId > 0)) return <Loading />;
  return <QueryState query={question}>{(data) => <QuestionEditBody question={data} />}</QueryState>;
}

function QuestionEditBody({ question }: { question: BankQuestion }) {
  const { user } = useAuth();
  if (!canEditQuestion(user, question)) return <QuestionReadOnly question={question} />;
  return <QuestionEditable question={question} />;
}

function QuestionHead({ question, children }: { question: BankQuestion; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <h1>
          {t('questionsBank.editTitle', { id: question.id })} <StateBadge question={question} /> <OwnerBadge question={question} />
        </h1>
        {children}
      </div>
      <p>
        <Link to="/recruiter/questions">{t('questionsBank.back')}</Link>
      </p>
    </>
  );
}

function QuestionVersionFact({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>{t('questionsBank.version')}</dt>
      <dd data-testid="current-version">{t('questionsBank.versionShort', { version: question.version })}</dd>
    </div>
  );
}

/** A curated question for a recruiter (or another organization's for an admin): shown, not edited. */
function QuestionReadOnly({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  const criteria = Array.isArray(question.rubric_json?.criteria) ? question.rubric_json.criteria : [];
  const points = Array.isArray(question.rubric_json?.expected_points) ? question.rubric_json.expected_points : [];
  return (
    <>
      <QuestionHead question={question} />
      <Notice tone="info">
        <span data-testid="read-only-reason">
          <ReadOnlyReason question={question} />
        </span>
      </Notice>
      <div className="card">
        <dl className="question-stats">
          <QuestionVersionFact question={question} />
        </dl>
        <QuestionStats question={question} />
      </div>
      <section className="card" aria-labelledby="question-content-title" data-testid="question-read-only">
        <h2 id="question-content-title">{t('questionsBank.content')}</h2>
        <p className="question-content">{question.content}</p>
        <p>
          <QuestionMeta question={question} />
        </p>
        <h3>{t('questionsBank.rubric')}</h3>
        <RubricSummary criteria={criteria} points={points} />
      </section>
      <VersionHistory question={question} />
    </>
  );
}

/** Every version of the question's wording and rubric, newest first; interviews keep the one they asked. */
function VersionHistory({ question }: { question: BankQuestion }) {
  const { t, i18n } = useTranslation();
  const versions = useQuery({
    queryKey: ['question-versions', question.id, question.version],
    queryFn: () => api.questionVersions(question.id),
  });
  return (
    <section className="card" aria-labelledby="versions-title" data-testid="version-history">
      <h2 id="versions-title">{t('questionsBank.versionsTitle')}</h2>
      <p className="muted small">{t('questionsBank.versionsIntro')}</p>
      <QueryState query={versions}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('questionsBank.noVersions')}</p>
          ) : (
            <ol className="versions" reversed>
              {list.map((version: QuestionVersion) => {
                const criteria = Array.isArray(version.rubric_json?.criteria) ? version.rubric_json.criteria : [];
                const points = Array.isArray(version.rubric_json?.expected_points) ? version.rubric_json.expected_points : [];
                return (
                  <li key={version.version} className="version" data-testid="version-item" data-version={version.version}>
                    <details open={version.version === question.version}>
                      <summary>
                        <strong>{t('questionsBank.versionShort', { version: version.version })}</strong>
                        {version.version === question.version && <span className="badge badge-open">{t('questionsBank.current')}</span>}{' '}
                        <span className="muted small">{formatDate(version.created_at, i18n.language)}</span>
                      </summary>
                      <p className="question-content">{version.content}</p>
                      <p className="small">
                        <span className="badge badge-scheduled">{t(`categories.${version.category}`)}</span>{' '}
                        <span className="badge badge-neutral">{t(`difficulties.${version.difficulty}`)}</span>{' '}
                        <span className="badge badge-neutral">{t(`languages.${version.language}`)}</span>
                      </p>
                      <RubricSummary criteria={criteria} points={points} />
                    </details>
                  </li>
                );
              })}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}

function QuestionEditable({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const created = Boolean((location.state as { created?: boolean } | null)?.created);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof api.updateBankQuestion>[1]) => api.updateBankQuestion(question.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['bank-question', question.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['bank-questions'] });
      setSaved(true);
    },
  });
  const retire = useRetire();
  const review = useMutation({
    mutationFn: (decision: ReviewDecision) => api.reviewBankQuestion(question.id, decision),
    onMutate: () => setSaved(false),
    onSuccess: (updated) => queryClient.setQueryData(['bank-question', question.id], updated),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['bank-questions'] }),
  });
  // The form starts again from the saved question whenever it changes (save, retire, reactivate).
  const version = JSON.stringify(question);
  return (
    <>
      <QuestionHead question={question}>
        {question.status === 'draft' ? (
          <div className="button-row">
            <button type="button" className="btn btn-primary" disabled={review.isPending} onClick={() => review.mutate('approve')}>
              {t('generation.drafts.approve')}
            </button>
            <button type="button" className="btn btn-danger" disabled={review.isPending} onClick={() => review.mutate('reject')}>
              {t('generation.drafts.reject')}
            </button>
          </div>
        ) : (
          !undecided(question) && (
            <button
              type="button"
              className={`btn ${question.is_active ? 'btn-danger' : 'btn-primary'}`}
              disabled={retire.isPending}
              onClick={() => {
                setSaved(false);
                retire.mutate({ id: question.id, active: !question.is_active });
              }}
            >
              {question.is_active ? t('questionsBank.retire') : t('questionsBank.reactivate')}
            </button>
          )
        )}
      </QuestionHead>
      {question.status === 'draft' && (
        <Notice tone="info">
          <span data-testid="draft-note">{t('generation.bank.draftNote', { model: modelName(question.generated_by) || '–' })}</span>{' '}
          {question.job_posting_id ? <Link to={`/recruiter/postings/${question.job_posting_id}`}>{t('generation.bank.review')}</Link> : null}
        </Notice>
      )}
      {question.status === 'rejected' && <Notice tone="info">{t('generation.bank.rejectedNote')}</Notice>}
      {review.isError && (
        <div className="alert alert-error" role="alert">
          {draftErrorMessage(review.error, t)}
        </div>
      )}
      {review.isSuccess && (
        <Notice tone="success">
          {review.data.status === 'approved' ? t('generation.drafts.approved', { id: review.data.id }) : t('generation.drafts.rejected', { id: review.data.id })}
        </Notice>
      )}
      {created && !saved && !retire.isSuccess && <Notice tone="success">{t('questionsBank.created')}</Notice>}
      {retire.isError && <ErrorMessage error={retire.error} />}
      {retire.isSuccess && (
        <Notice tone="success">
          {retire.data.is_active ? t('questionsBank.reactivatedNotice', { id: retire.data.id }) : t('questionsBank.retiredNotice', { id: retire.data.id })}
        </Notice>
      )}
      <div className="card">
        <dl className="question-stats">
          <QuestionVersionFact question={question} />
        </dl>
        <QuestionStats question={question} />
        <p className="muted small">{t('questionsBank.versionHint')}</p>
      </div>
      <section className="card" aria-label={t('questionsBank.editTitle', { id: question.id })}>
        <QuestionForm
          key={version}
          initial={draftFromQuestion(question)}
          submitLabel={t('common.save')}
          busyLabel={t('common.saving')}
          busy={save.isPending}
          error={save.error}
          onSubmit={(input) => {
            setSaved(false);
            save.mutate(input);
          }}
          activeEditable={!undecided(question)}
        />
        {saved && !save.isPending && <Notice tone="success">{t('questionsBank.saved')}</Notice>}
      </section>
      <VersionHistory question={question} />
    </>
  );
}
