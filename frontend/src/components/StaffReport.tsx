import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { QuestionEvaluation, ScoreOverride, ScoreScope, StaffReport } from '../api/types';
import { BarChart } from './Charts';
import { TextArea, TextInput } from './Field';
import { ErrorMessage, Notice } from './Status';
import { RubricSummary } from './RubricSummary';
import { AiAssistedBadge, EmotionsSection, ReviewStateBadge, useReviewReasonText } from './ReportParts';
import { useOverrideScore, useReviewReport } from './reportQueries';
import { formatDay, formatScore } from '../lib/format';
import {
  NOTE_MAX,
  checkOverride,
  humanReviewReasons,
  questionLine,
  questionVersion,
  scoreLine,
  staffQuestions,
  uniqueEvidence,
  type ScoreLine,
} from '../lib/report';

type GroupOrOverall = Exclude<ScoreScope, 'question'>;
const TILES: { scope: GroupOrOverall; label: string; testId: string }[] = [
  { scope: 'overall', label: 'report.overall', testId: 'overall-score' },
  { scope: 'technical', label: 'report.technical', testId: 'technical-score' },
  { scope: 'communication', label: 'report.communication', testId: 'communication-score' },
  { scope: 'cultural_fit', label: 'report.culturalFit', testId: 'cultural-fit-score' },
];

interface Editing {
  scope: ScoreScope;
  questionId: number | null;
}

const sameTarget = (a: Editing | null, scope: ScoreScope, questionId: number | null) => a !== null && a.scope === scope && a.questionId === questionId;

/**
 * The report as the posting's organization (and admins) see it: the final scores as the headline,
 * the AI's original beside any a person changed, the review, and for the organization's members the
 * way to override a score (with a reason) and to mark the report reviewed.
 */
export function StaffReportView({ report }: { report: StaffReport }) {
  const { t } = useTranslation();
  const canReview = report.review?.can_review === true;
  const human = report.scoring === 'human';
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<(Editing & { text: string }) | null>(null);
  const asked = useQuery({ queryKey: ['questions', report.interview_id], queryFn: () => api.getQuestions(report.interview_id), enabled: human });
  const evaluations = staffQuestions(report, asked.data ?? []);
  const questionNumber = new Map(evaluations.map((evaluation, index) => [evaluation.question_id, index + 1]));
  const label = (scope: ScoreScope, questionId: number | null) =>
    scope === 'question'
      ? questionNumber.has(questionId ?? -1)
        ? t('report.questionShort', { n: questionNumber.get(questionId ?? -1) })
        : t('review.questionNo', { id: questionId })
      : t(TILES.find((tile) => tile.scope === scope)?.label ?? 'report.overall');
  const open = (scope: ScoreScope, questionId: number | null) => {
    setSaved(null);
    setEditing(sameTarget(editing, scope, questionId) ? null : { scope, questionId });
  };
  const done = (scope: ScoreScope, questionId: number | null) => (updated: StaffReport) => {
    setEditing(null);
    const final = scope === 'question' ? updated.final_scores?.questions?.find((item) => item.question_id === questionId)?.score : updated.final_scores?.[scope];
    setSaved({ scope, questionId, text: t('review.form.saved', { label: label(scope, questionId), score: formatScore(final) }) });
  };
  const lines = TILES.map((tile) => ({ ...tile, line: scoreLine(report, tile.scope) }));
  const editingGroup = editing && editing.scope !== 'question' ? lines.find((item) => item.scope === editing.scope) : undefined;
  const emotions = report.details_json?.emotion_summary;
  const strengths = report.details_json?.strengths ?? [];
  const improvements = report.details_json?.improvements ?? [];
  const rubrics = new Map((asked.data ?? []).map((question) => [question.id, question.rubric_json]));
  return (
    <div className="report" data-testid="report" data-view="staff">
      <ReviewPanel report={report} />

      <section className="card" aria-labelledby="scores-title">
        <h2 id="scores-title">{t('report.scores')}</h2>
        <p className="muted small">{t('review.finalExplained')}</p>
        <div className="score-grid">
          {lines.map(({ scope, label: key, testId, line }) => (
            <div key={scope} className={`score-tile${scope === 'overall' ? ' overall' : ''}`} data-testid={testId} data-changed={line.changed ? 'true' : undefined}>
              <span className="score-label">{t(key)}</span>
              <span className={`score-value${scope === 'overall' ? ' big' : ''}`} data-testid="final-score">
                {formatScore(line.final)}
              </span>
              {line.final === null && <span className="muted small">{t('review.notScored')}</span>}
              {line.changed && <AiOriginal line={line} />}
              {canReview && (
                <button
                  type="button"
                  className="btn btn-small link-button"
                  aria-expanded={sameTarget(editing, scope, null)}
                  aria-label={t('review.overrideFor', { label: t(key) })}
                  onClick={() => open(scope, null)}
                >
                  {t('review.override')}
                </button>
              )}
            </div>
          ))}
        </div>
        {editingGroup && (
          <OverrideForm
            key={editingGroup.scope}
            interviewId={report.interview_id}
            line={editingGroup.line}
            label={t(editingGroup.label)}
            onCancel={() => setEditing(null)}
            onSaved={done(editingGroup.scope, null)}
          />
        )}
        {saved && saved.scope !== 'question' && <Notice tone="success">{saved.text}</Notice>}
        <BarChart
          testId="scores-chart"
          label={t('report.scoresChart')}
          items={lines.map(({ label: key, line }) => ({ label: t(key), value: line.final }))}
        />
      </section>

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('report.summary')}</h2>
        {report.summary_text ? <p data-testid="summary">{report.summary_text}</p> : <p className="muted">{t('review.noSummary')}</p>}
        {strengths.length > 0 && (
          <>
            <h3>{t('report.strengths')}</h3>
            <ul>
              {strengths.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          </>
        )}
        {improvements.length > 0 && (
          <>
            <h3>{t('report.improvements')}</h3>
            <ul>
              {improvements.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          </>
        )}
        <p className="muted small">{t('report.evaluator', { model: report.evaluator_model })}</p>
      </section>

      {(evaluations.length > 0 || human) && (
        <section className="card" aria-labelledby="per-question-title">
          <h2 id="per-question-title">{t('report.perQuestion')}</h2>
          {human && (
            <Notice tone="info">
              <span data-testid="human-scoring">{t('review.scoringOff')}</span>
            </Notice>
          )}
          {evaluations.length > 0 && (
            <BarChart
              testId="question-chart"
              label={t('report.perQuestionChart')}
              items={evaluations.map((evaluation, index) => ({
                label: t('report.questionShort', { n: index + 1 }),
                value: questionLine(report, evaluation).final,
                title: evaluation.question,
              }))}
            />
          )}
          <ol className="evaluations" data-testid="question-evaluations">
            {evaluations.map((evaluation, index) => (
              <QuestionItem
                key={`${evaluation.question_id}-${index}`}
                report={report}
                evaluation={evaluation}
                n={index + 1}
                canScore={canReview && (evaluation.answered || human)}
                editing={sameTarget(editing, 'question', evaluation.question_id)}
                onEdit={() => open('question', evaluation.question_id)}
                onCancel={() => setEditing(null)}
                onSaved={done('question', evaluation.question_id)}
                saved={saved && sameTarget(saved, 'question', evaluation.question_id) ? saved.text : null}
                rubric={human ? rubrics.get(evaluation.question_id) : undefined}
              />
            ))}
          </ol>
        </section>
      )}

      <OverrideHistory overrides={report.overrides ?? []} label={label} />

      {emotions && <EmotionsSection emotions={emotions} interviewId={report.interview_id} />}
    </div>
  );
}

/** "AI: 61", opening to the reason of the override in force (also on hover). */
function AiOriginal({ line }: { line: ScoreLine }) {
  const { t, i18n } = useTranslation();
  const reason = line.override?.reason ?? t('review.recomputed');
  return (
    <details className="ai-original" data-testid="ai-original">
      <summary title={reason}>
        <span aria-hidden="true">{t('review.aiShort', { score: formatScore(line.ai) })}</span>
        <span className="sr-only">{t('review.aiLong', { score: formatScore(line.ai) })}</span>
      </summary>
      <div className="ai-original-body">
        {line.override ? (
          <>
            <p className="break">
              <strong>{t('review.history.reason')}:</strong> {line.override.reason}
            </p>
            <p className="muted small">{t('review.history.by', { name: line.override.reviewer?.username ?? '–', date: formatDay(line.override.created_at, i18n.language) })}</p>
          </>
        ) : (
          <p>{reason}</p>
        )}
      </div>
    </details>
  );
}

function QuestionItem({
  report,
  evaluation,
  n,
  canScore,
  editing,
  onEdit,
  onCancel,
  onSaved,
  saved,
  rubric,
}: {
  report: StaffReport;
  evaluation: QuestionEvaluation;
  n: number;
  canScore: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onSaved: (report: StaffReport) => void;
  saved: string | null;
  rubric?: Record<string, unknown> | null;
}) {
  const { t } = useTranslation();
  const line = questionLine(report, evaluation);
  const version = questionVersion(report, evaluation.question_id);
  const human = report.scoring === 'human';
  const evidence = uniqueEvidence([...(evaluation.evidence ?? []), ...(evaluation.criteria ?? []).flatMap((criterion) => criterion.evidence ?? [])]);
  const signals = Object.entries(evaluation.signals ?? {});
  const label = t('report.questionShort', { n });
  const unscored = line.final === null;
  const criteria = Array.isArray(rubric?.criteria) ? (rubric.criteria as { name?: string; description?: string; weight?: number; keywords?: string[] }[]) : [];
  const points = Array.isArray(rubric?.expected_points) ? (rubric.expected_points as string[]) : [];
  return (
    <li className="evaluation" data-testid="question-evaluation" data-question-id={evaluation.question_id} data-changed={line.changed ? 'true' : undefined}>
      <div className="evaluation-head">
        <span className="muted small">
          {label}
          {evaluation.category && ` · ${t(`categories.${evaluation.category}`, { defaultValue: evaluation.category })}`}
          {version !== null && (
            <>
              {' · '}
              <span className="badge badge-neutral" data-testid="rubric-version">
                {t('report.rubricVersion', { version })}
              </span>
            </>
          )}
        </span>
        <span className="evaluation-score">
          <span className="score-chip" data-testid="question-score">
            {!evaluation.answered && unscored ? t('report.notAnswered') : unscored ? t('review.notScored') : formatScore(line.final)}
          </span>
          {line.changed && <AiOriginal line={line} />}
        </span>
      </div>
      <p className="question-text small-q">{evaluation.question || t('review.questionNo', { id: evaluation.question_id })}</p>
      {canScore && (
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={editing}
          aria-label={human && unscored ? t('review.scoreAnswerFor', { label }) : t('review.overrideFor', { label })}
          onClick={onEdit}
        >
          {human && unscored ? t('review.scoreAnswer') : t('review.override')}
        </button>
      )}
      {editing && <OverrideForm interviewId={report.interview_id} line={line} label={label} onCancel={onCancel} onSaved={onSaved} />}
      {saved && <Notice tone="success">{saved}</Notice>}
      {(criteria.length > 0 || points.length > 0) && (
        <details className="rubric-details" open={editing}>
          <summary>{t('review.rubric')}</summary>
          <RubricSummary criteria={criteria} points={points} />
        </details>
      )}
      {evaluation.comment && (
        <p className="small">
          <strong>{t('report.comment')}:</strong> {evaluation.comment}
        </p>
      )}
      {(evaluation.criteria ?? []).length > 0 && (
        <table className="criteria">
          <caption className="sr-only">{t('report.criteria')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.criteria')}</th>
              <th scope="col">{t('common.score')}</th>
            </tr>
          </thead>
          <tbody>
            {(evaluation.criteria ?? []).map((criterion) => (
              <tr key={criterion.name}>
                <td>{criterion.name.replace(/_/g, ' ')}</td>
                <td>
                  <span className="mini-bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(0, Math.min(100, criterion.score ?? 0))}%` }} />
                  </span>
                  {formatScore(criterion.score)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {signals.length > 0 && (
        <p className="muted small" data-testid="signals">
          {t('review.signals')}: {signals.map(([name, value]) => `${t(`review.signalNames.${name}`, { defaultValue: name })} ${formatScore(value)}`).join(' · ')}
        </p>
      )}
      {evaluation.answered && !human && (
        <div className="evidence">
          <strong className="small">{t('report.evidence')}</strong>
          {evidence.length === 0 ? (
            <p className="muted small">{t('report.noEvidence')}</p>
          ) : (
            evidence.map((item, evidenceIndex) => (
              <blockquote key={evidenceIndex} data-testid="evidence">
                “{item.quote}”
              </blockquote>
            ))
          )}
        </div>
      )}
    </li>
  );
}

/** Set a score with a reason; checked here first (0-100, a reason of 3 to 2000 characters), then by the API. */
function OverrideForm({
  interviewId,
  line,
  label,
  onCancel,
  onSaved,
}: {
  interviewId: number;
  line: ScoreLine;
  label: string;
  onCancel: () => void;
  onSaved: (report: StaffReport) => void;
}) {
  const { t } = useTranslation();
  const override = useOverrideScore(interviewId);
  const [score, setScore] = useState(line.final === null ? '' : formatScore(line.final));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<ReturnType<typeof checkOverride>>({});
  const fieldErrors = override.error instanceof ApiError ? override.error.fieldErrors : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkOverride({ score, reason });
    setProblems(found);
    if (found.score || found.reason) return;
    override.mutate(
      { scope: line.scope, ...(line.scope === 'question' && line.questionId !== null ? { question_id: line.questionId } : {}), score: Number(score), reason: reason.trim() },
      { onSuccess: onSaved },
    );
  }
  return (
    <form className="override-form" onSubmit={submit} noValidate aria-label={t('review.form.title', { label })} data-testid="override-form">
      <p className="override-title">
        <strong>{t('review.form.title', { label })}</strong>{' '}
        <span className="muted small">{t('review.form.current', { score: formatScore(line.final), ai: formatScore(line.ai) })}</span>
      </p>
      <div className="override-fields">
        <TextInput
          label={t('review.form.score')}
          name="score"
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="any"
          autoFocus
          value={score}
          onChange={(e) => setScore(e.target.value)}
          error={problems.score ? t(`review.errors.${problems.score}`) : fieldErrors.score}
        />
        <TextArea
          label={t('review.form.reason')}
          hint={t('review.form.reasonHint')}
          name="reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={problems.reason ? t(`review.errors.${problems.reason}`) : fieldErrors.reason}
        />
      </div>
      {override.isError && <ErrorMessage error={override.error} />}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={override.isPending}>
          {override.isPending ? t('common.saving') : t('review.form.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={override.isPending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The AI-assisted badge, the review state, why a person must check the report, and the review itself. */
function ReviewPanel({ report }: { report: StaffReport }) {
  const { t } = useTranslation();
  const reasonText = useReviewReasonText();
  const review = report.review;
  const needs = review?.needs_human_review;
  return (
    <section className="card review-panel" aria-labelledby="review-title" data-testid="review-panel">
      <h2 id="review-title">{t('review.title')}</h2>
      <p className="review-badges">
        <AiAssistedBadge /> {review && <ReviewStateBadge review={review} />}
      </p>
      <p className="muted small">{t('review.aiAssistedHint')}</p>
      {needs && (
        <div
          className={`alert ${review.state === 'reviewed' ? 'alert-info' : 'alert-warning'} alert-block`}
          role="note"
          data-testid="needs-human-review"
          data-reason={humanReviewReasons(needs).map((part) => part.key ?? 'other').join(' ')}
          title={needs}
        >
          <strong>
            <span aria-hidden="true">⚠ </span>
            {review.state === 'reviewed' ? t('review.neededTitle') : t('review.needsTitle')}
          </strong>
          <p>{reasonText(needs)}</p>
        </div>
      )}
      {review?.note && (
        <p className="break" data-testid="review-note">
          <strong>{t('review.note')}:</strong> {review.note}
        </p>
      )}
      {review?.can_review ? <ReviewForm report={report} /> : <p className="muted small">{t('review.cannotReview')}</p>}
    </section>
  );
}

function ReviewForm({ report }: { report: StaffReport }) {
  const { t } = useTranslation();
  const review = useReviewReport(report.interview_id);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reviewed = report.review.state === 'reviewed';
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (note.trim().length > NOTE_MAX) {
      setProblem(t('review.errors.noteLong'));
      return;
    }
    setProblem(null);
    const state = reviewed ? 'pending_review' : 'reviewed';
    review.mutate(
      { state, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setNote('');
          setDone(state === 'reviewed' ? t('review.markedNotice') : t('review.reopenedNotice'));
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="review-form" className="review-form">
      <TextArea
        label={
          <>
            {reviewed ? t('review.reopenNoteLabel') : t('review.noteLabel')} <span className="muted">{t('common.optional')}</span>
          </>
        }
        hint={t('review.noteHint')}
        name="note"
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={problem ?? (review.error instanceof ApiError ? review.error.fieldErrors.note : undefined)}
      />
      {review.isError && <ErrorMessage error={review.error} />}
      <div className="button-row">
        <button type="submit" className={`btn ${reviewed ? '' : 'btn-primary'}`} disabled={review.isPending}>
          {review.isPending ? t('common.saving') : reviewed ? t('review.reopen') : t('review.markReviewed')}
        </button>
      </div>
      {done && <Notice tone="success">{done}</Notice>}
    </form>
  );
}

/** Every score a person set, newest first: who, when, which score, the AI's and the new one, and why. */
function OverrideHistory({ overrides, label }: { overrides: ScoreOverride[]; label: (scope: ScoreScope, questionId: number | null) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="overrides-title" data-testid="override-history">
      <h2 id="overrides-title">{t('review.history.title')}</h2>
      {overrides.length === 0 ? (
        <p className="muted">{t('review.history.empty')}</p>
      ) : (
        <ol className="override-list">
          {[...overrides].reverse().map((item) => (
            <li key={item.id} className="override-item" data-testid="override-item" data-scope={item.scope}>
              <p>
                <strong>{label(item.scope, item.question_id)}</strong>
                {': '}
                <span>{t('review.aiShort', { score: formatScore(item.ai_score) })}</span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only">, {t('review.history.newScore')}: </span>
                <strong data-testid="override-score">{formatScore(item.score)}</strong>
                {item.previous_score !== item.ai_score && item.previous_score !== null && (
                  <span className="muted small"> {t('review.history.previous', { score: formatScore(item.previous_score) })}</span>
                )}
              </p>
              <p className="break">
                <strong>{t('review.history.reason')}:</strong> {item.reason}
              </p>
              <p className="muted small">
                <time dateTime={item.created_at}>{t('review.history.by', { name: item.reviewer?.username ?? '–', date: formatDay(item.created_at, i18n.language) })}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
