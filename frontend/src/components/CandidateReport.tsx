import { useTranslation } from 'react-i18next';
import type { CandidateReport } from '../api/types';
import { BarChart } from './Charts';
import { Notice } from './Status';
import { AiAssistedBadge, ScoreTile } from './ReportParts';
import { formatScore } from '../lib/format';

/**
 * The report as the candidate sees it: written feedback (strengths, what to improve, each answer),
 * and the scores only when the company shares them (practice interviews always do). Never the rubric,
 * its criteria, the scoring signals or who reviewed it.
 */
export function CandidateReportView({ report }: { report: CandidateReport }) {
  const { t } = useTranslation();
  const visible = report.scores_visible;
  const strengths = report.feedback?.strengths ?? [];
  const improvements = report.feedback?.improvements ?? [];
  const questions = report.questions ?? [];
  const reviewLine =
    report.kind === 'practice' ? t('candidateReport.practice') : report.review_state === 'reviewed' ? t('candidateReport.reviewed') : t('candidateReport.notReviewed');
  return (
    <div className="report" data-testid="report" data-view="candidate">
      <p className="review-badges" data-testid="candidate-review-line">
        <AiAssistedBadge /> <span className="small">{reviewLine}</span>
      </p>

      {visible ? (
        <section className="card" aria-labelledby="scores-title">
          <h2 id="scores-title">{t('report.scores')}</h2>
          <div className="score-grid">
            <ScoreTile label={t('report.overall')} value={report.overall_score} testId="overall-score" big />
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
              { label: t('report.overall'), value: report.overall_score },
            ]}
          />
        </section>
      ) : (
        <Notice tone="info">
          <span data-testid="scores-hidden">{t('candidateReport.scoresHidden')}</span>
        </Notice>
      )}

      <section className="card" aria-labelledby="feedback-title">
        <h2 id="feedback-title">{t('candidateReport.feedback')}</h2>
        {report.summary_text && <p data-testid="summary">{report.summary_text}</p>}
        {strengths.length === 0 && improvements.length === 0 && <p className="muted">{t('candidateReport.noFeedback')}</p>}
        {strengths.length > 0 && (
          <>
            <h3>{t('report.strengths')}</h3>
            <ul data-testid="feedback-strengths">
              {strengths.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          </>
        )}
        {improvements.length > 0 && (
          <>
            <h3>{t('report.improvements')}</h3>
            <ul data-testid="feedback-improvements">
              {improvements.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      {questions.length > 0 && (
        <section className="card" aria-labelledby="per-question-title">
          <h2 id="per-question-title">{t('report.perQuestion')}</h2>
          {visible && (
            <BarChart
              testId="question-chart"
              label={t('report.perQuestionChart')}
              items={questions.map((question, index) => ({
                label: t('report.questionShort', { n: index + 1 }),
                value: question.answered ? question.score : null,
                title: question.question,
              }))}
            />
          )}
          <ol className="evaluations" data-testid="question-evaluations">
            {questions.map((question, index) => (
              <li key={`${question.question_id}-${index}`} className="evaluation" data-testid="question-feedback">
                <div className="evaluation-head">
                  <span className="muted small">{t('report.questionShort', { n: index + 1 })}</span>
                  {!question.answered ? (
                    <span className="score-chip">{t('report.notAnswered')}</span>
                  ) : (
                    visible && <span className="score-chip">{formatScore(question.score)}</span>
                  )}
                </div>
                <p className="question-text small-q">{question.question}</p>
                {question.feedback ? <p className="small">{question.feedback}</p> : <p className="muted small">{t('candidateReport.noQuestionFeedback')}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <p className="muted small">{t('report.evaluator', { model: report.evaluator_model })}</p>
    </div>
  );
}
