import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { CATEGORIES, DIFFICULTIES, type BankQuestion, type BankQuestionFilters, type Category, type Difficulty, type Language } from '../../api/types';
import { Select, TextInput } from '../../components/Field';
import { ErrorMessage, Loading, Notice, QueryState } from '../../components/Status';
import { formatScore } from '../../lib/format';
import { draftFromQuestion, emptyDraft } from '../../lib/rubric';
import { QuestionForm } from './QuestionForm';
import { Pager } from '../../components/Pager';
import { useUrlFilters } from '../../lib/useUrlFilters';

const PAGE_SIZE = 20;

/** A text filter that updates the URL once the user pauses typing. */
function DebouncedText({ label, hint, name, value, onCommit }: { label: string; hint?: string; name: string; value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => commit.current(text), 350);
    return () => clearTimeout(timer);
  }, [text, value]);
  return <TextInput label={label} hint={hint} name={name} type="search" value={text} onChange={(e) => setText(e.target.value)} />;
}

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
  const active = (['true', 'false'].includes(params.get('active') ?? '') ? params.get('active') : '') as 'true' | 'false' | '';
  const position = params.get('position') ?? '';
  const text = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const filters: BankQuestionFilters = {
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

  return (
    <>
      <div className="page-head">
        <h1>{t('questionsBank.title')}</h1>
        <Link className="btn btn-primary" to="/recruiter/questions/new">
          + {t('questionsBank.new')}
        </Link>
      </div>
      <p className="muted">{t('questionsBank.intro')}</p>
      <section className="card" aria-label={t('questionsBank.title')} data-testid="question-bank">
        <div className="toolbar" role="search" aria-label={t('questionsBank.filters')}>
          <DebouncedText label={t('questionsBank.search')} name="q" value={text} onCommit={(value) => update('q', value)} />
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

function QuestionMeta({ question }: { question: BankQuestion }) {
  const { t } = useTranslation();
  return (
    <span className="question-meta">
      <span className={`badge ${question.is_active ? 'badge-open' : 'badge-closed'}`}>{question.is_active ? t('questionsBank.active') : t('questionsBank.retired')}</span>{' '}
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

function QuestionItem({ question, busy, onToggle }: { question: BankQuestion; busy: boolean; onToggle: () => void }) {
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
        <div className="button-row">
          <Link className="btn btn-small" to={`/recruiter/questions/${question.id}`} aria-label={`${t('common.edit')} #${question.id}`}>
            {t('common.edit')}
          </Link>
          <button type="button" className={`btn btn-small ${question.is_active ? 'btn-danger' : ''}`} disabled={busy} onClick={onToggle}>
            {question.is_active ? t('questionsBank.retire') : t('questionsBank.reactivate')}
          </button>
        </div>
      </div>
    </li>
  );
}

export function QuestionNew() {
  const { t, i18n } = useTranslation();
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
  // The form starts again from the saved question whenever it changes (save, retire, reactivate).
  const version = JSON.stringify(question);
  return (
    <>
      <div className="page-head">
        <h1>
          {t('questionsBank.editTitle', { id: question.id })}{' '}
          <span className={`badge ${question.is_active ? 'badge-open' : 'badge-closed'}`}>{question.is_active ? t('questionsBank.active') : t('questionsBank.retired')}</span>
        </h1>
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
      </div>
      <p>
        <Link to="/recruiter/questions">{t('questionsBank.back')}</Link>
      </p>
      {created && !saved && !retire.isSuccess && <Notice tone="success">{t('questionsBank.created')}</Notice>}
      {retire.isError && <ErrorMessage error={retire.error} />}
      {retire.isSuccess && (
        <Notice tone="success">
          {retire.data.is_active ? t('questionsBank.reactivatedNotice', { id: retire.data.id }) : t('questionsBank.retiredNotice', { id: retire.data.id })}
        </Notice>
      )}
      <div className="card">
        <QuestionStats question={question} />
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
        />
        {saved && !save.isPending && <Notice tone="success">{t('questionsBank.saved')}</Notice>}
      </section>
    </>
  );
}
