import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { Report } from '../api/types';
import { BarChart, SentimentChart } from './Charts';
import { ErrorMessage, Loading, Notice, NotFoundMessage, isNotFound } from './Status';
import { formatScore } from '../lib/format';
import { overallScore, questionEvaluations, questionVersion, uniqueEvidence } from '../lib/report';

/** The report of an interview, polling while the API answers 202 (being written). */
export function useReport(interviewId: number, enabled = true) {
  return useQuery({
    queryKey: ['report', interviewId],
    queryFn: () => api.getReport(interviewId),
    enabled: enabled && interviewId > 0,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.state === 'pending' ? Math.min(10, Math.max(1, data.retryAfter)) * 1000 : false;
    },
    staleTime: (query) => (query.state.data?.state === 'ready' ? 60_000 : 0),
  });
}

/** `staff`: recruiters and admins also see which version of each question and rubric was scored. */
export function ReportLoader({ interviewId, notFoundAsPage = true, staff = false }: { interviewId: number; notFoundAsPage?: boolean; staff?: boolean }) {
  const { t } = useTranslation();
  const report = useReport(interviewId);
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    if (report.dataUpdatedAt) setChecks((count) => count + 1);
  }, [report.dataUpdatedAt]);
  if (report.isPending) return <Loading />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.status === 409) return <Notice tone="info">{t('report.notCompleted')}</Notice>;
    if (isNotFound(report.error) && notFoundAsPage) return <NotFoundMessage />;
    return <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />;
  }
  if (report.data.state === 'pending') {
    return (
      <div className="card pending" role="status" aria-live="polite" data-testid="report-pending">
        <p>
          <span className="spinner" aria-hidden="true" /> <strong>{t('report.pending')}</strong>
        </p>
        <div className="indeterminate" aria-hidden="true">
          <span />
        </div>
        <p className="muted small">{t('report.pendingDetail', { count: Math.max(1, checks) })}</p>
      </div>
    );
  }
  return <ReportView report={report.data.report} staff={staff} />;
}

function ScoreTile({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="score-tile" data-testid={testId}>
      <span className="score-label">{label}</span>
      <span className="score-value">{formatScore(value)}</span>
    </div>
  );
}

export function ReportView({ report, staff = false }: { report: Report; staff?: boolean }) {
  const { t } = useTranslation();
  const evaluations = questionEvaluations(report);
  const rubricVersion = (questionId: number) => questionVersion(report, questionId);
  const emotions = report.details_json?.emotion_summary;
  const timeline = (emotions?.timeline ?? []).filter((point) => point.sentiment_score !== null);
  const strengths = report.details_json?.strengths ?? [];
  const improvements = report.details_json?.improvements ?? [];
  return (
    <div className="report" data-testid="report">
      <section className="card" aria-labelledby="scores-title">
        <h2 id="scores-title">{t('report.scores')}</h2>
        <div className="score-grid">
          <div className="score-tile overall" data-testid="overall-score">
            <span className="score-label">{t('report.overall')}</span>
            <span className="score-value big">{formatScore(overallScore(report))}</span>
          </div>
          <ScoreTile label={t('report.technical')} value={report.technical_score} testId="technical-score" />
          <ScoreTile label={t('report.communication')} value={report.communication_score} testId="communication-score" />
          <ScoreTile label={t('report.culturalFit')} value={report.cultural_fit_score} testId="cultural-fit-score" />
        </div>
        <BarChart
          testId="scores-chart"
          label={t('report.scoresChart')}
          items={[
            { label: t('report.technical'), value: report.technical_score },
            { label: t('report.communication'), value: report.communication_score },
            { label: t('report.culturalFit'), value: report.cultural_fit_score },
            { label: t('report.overall'), value: overallScore(report) },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('report.summary')}</h2>
        <p data-testid="summary">{report.summary_text}</p>
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

      {evaluations.length > 0 && (
        <section className="card" aria-labelledby="per-question-title">
          <h2 id="per-question-title">{t('report.perQuestion')}</h2>
          <BarChart
            testId="question-chart"
            label={t('report.perQuestionChart')}
            items={evaluations.map((evaluation, index) => ({
              label: t('report.questionShort', { n: index + 1 }),
              value: evaluation.answered ? evaluation.score : null,
              title: evaluation.question,
            }))}
          />
          <ol className="evaluations" data-testid="question-evaluations">
            {evaluations.map((evaluation, index) => {
              const evidence = uniqueEvidence([
                ...(evaluation.evidence ?? []),
                ...(evaluation.criteria ?? []).flatMap((criterion) => criterion.evidence ?? []),
              ]);
              return (
                <li key={`${evaluation.question_id}-${index}`} className="evaluation">
                  <div className="evaluation-head">
                    <span className="muted small">
                      {t('report.questionShort', { n: index + 1 })}
                      {evaluation.category && ` · ${t(`categories.${evaluation.category}`, { defaultValue: evaluation.category })}`}
                      {staff && rubricVersion(evaluation.question_id) !== null && (
                        <>
                          {' · '}
                          <span className="badge badge-neutral" data-testid="rubric-version">
                            {t('report.rubricVersion', { version: rubricVersion(evaluation.question_id) })}
                          </span>
                        </>
                      )}
                    </span>
                    <span className="score-chip">{evaluation.answered ? formatScore(evaluation.score) : t('report.notAnswered')}</span>
                  </div>
                  <p className="question-text small-q">{evaluation.question}</p>
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
                  {evaluation.answered && (
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
            })}
          </ol>
        </section>
      )}

      {emotions && (
        <section className="card" aria-labelledby="emotions-title">
          <h2 id="emotions-title">{t('report.emotions')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('report.averageSentiment')}</dt>
              <dd>{typeof emotions.average_sentiment === 'number' ? emotions.average_sentiment.toFixed(2) : '–'}</dd>
            </div>
            <div>
              <dt>{t('report.dominantEmotion')}</dt>
              <dd>{emotions.dominant_emotion ? t(`emotions.${emotions.dominant_emotion}`, { defaultValue: emotions.dominant_emotion }) : '–'}</dd>
            </div>
          </dl>
          {timeline.length > 0 && (
            <SentimentChart
              testId="report-sentiment-chart"
              label={t('interviews.sentimentChartLabel')}
              xLabel={(n) => t('report.questionShort', { n })}
              points={timeline.map((point, index) => ({
                x: index + 1,
                y: point.sentiment_score as number,
                label: '',
                emotion: point.emotion ? t(`emotions.${point.emotion}`, { defaultValue: point.emotion }) : null,
              }))}
            />
          )}
        </section>
      )}
    </div>
  );
}
