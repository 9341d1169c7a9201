import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import type { EmotionSummary, ReportReview, StaffReport } from '../api/types';
import { answerLabels } from '../lib/interviews';
import { SentimentChart } from './Charts';
import { formatDay, formatScore } from '../lib/format';
import { humanReviewReasons } from '../lib/report';
import { useReport } from './reportQueries';

export function ScoreTile({ label, value, testId, big = false }: { label: string; value: number | null; testId: string; big?: boolean }) {
  return (
    <div className={`score-tile${big ? ' overall' : ''}`} data-testid={testId}>
      <span className="score-label">{label}</span>
      <span className={`score-value${big ? ' big' : ''}`}>{formatScore(value)}</span>
    </div>
  );
}

/** Every report is written with AI assistance: said plainly wherever a report is shown. */
export function AiAssistedBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-ai" data-testid="ai-assisted" title={t('review.aiAssistedHint')}>
      {t('review.aiAssisted')}
    </span>
  );
}

/** "Pending review" or "Reviewed by kim, 1 Dec 2026". */
export function ReviewStateBadge({ review }: { review: ReportReview }) {
  const { t, i18n } = useTranslation();
  if (review.state === 'reviewed') {
    const text = review.reviewed_by
      ? t('review.reviewedBy', { name: review.reviewed_by.username, date: formatDay(review.reviewed_at, i18n.language) })
      : t('review.reviewed');
    return (
      <span className="badge badge-reviewed" data-testid="review-state" data-state="reviewed">
        {text}
      </span>
    );
  }
  return (
    <span className="badge badge-review-pending" data-testid="review-state" data-state="pending_review">
      {t('review.pending')}
    </span>
  );
}

/** Why a report needs a person's review, in the reader's language where the reason is a known one. */
export function useReviewReasonText() {
  const { t } = useTranslation();
  return (reason: string) =>
    humanReviewReasons(reason)
      .map((part) =>
        part.key === null
          ? t('review.reasonGiven', { reason: part.text })
          : part.detail
            ? `${t(`review.reasons.${part.key}`)} (${part.detail})`
            : t(`review.reasons.${part.key}`),
      )
      .join(' ');
}

/** A small marker for lists and facts: pending review (needs review when the evaluator said so) or reviewed. */
export function ReviewMarker({ report }: { report: StaffReport }) {
  const { t } = useTranslation();
  const reasonText = useReviewReasonText();
  const review = report.review;
  if (!review) return null;
  if (review.state === 'reviewed') {
    return (
      <span className="badge badge-reviewed" data-testid="review-marker" data-state="reviewed">
        {t('review.marker.reviewed')}
      </span>
    );
  }
  const needs = review.needs_human_review;
  return (
    <span
      className={`badge ${needs ? 'badge-needs-review' : 'badge-review-pending'}`}
      data-testid="review-marker"
      data-state="pending_review"
      title={needs ? reasonText(needs) : undefined}
    >
      {needs ? t('review.marker.needs') : t('review.marker.pending')}
    </span>
  );
}

/** The review marker of an interview's report, once the report is there (shares the report's query). */
export function InterviewReviewMarker({ interviewId, enabled = true }: { interviewId: number; enabled?: boolean }) {
  const report = useReport(interviewId, enabled);
  const data = report.data;
  if (data?.state !== 'ready' || data.report.view !== 'staff') return null;
  return <ReviewMarker report={data.report} />;
}

/** The sentiment of each answer, each named by its question's real number in the interview (and
 * as a follow-up's answer when it is one), read from the transcript; by answer number without it. */
export function EmotionsSection({ emotions, interviewId }: { emotions: EmotionSummary; interviewId?: number }) {
  const { t } = useTranslation();
  const timeline = (emotions.timeline ?? []).filter((point) => point.sentiment_score !== null);
  const transcripts = useQuery({
    queryKey: ['transcripts', interviewId],
    queryFn: () => api.getTranscripts(interviewId as number),
    enabled: interviewId !== undefined && timeline.length > 0,
    staleTime: 60_000,
  });
  const labels = transcripts.data ? answerLabels(transcripts.data) : null;
  const tick = (transcriptId: number, index: number) => {
    const label = labels?.get(transcriptId);
    if (!label) return t('interviews.answerNo', { n: index + 1 });
    return label.followUp ? t('report.followUpShort', { n: label.question }) : t('report.questionShort', { n: label.question });
  };
  return (
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
          xLabel={(n) => t('interviews.answerNo', { n })}
          points={timeline.map((point, index) => ({
            x: index + 1,
            y: point.sentiment_score as number,
            tick: tick(point.transcript_id, index),
            label: '',
            emotion: point.emotion ? t(`emotions.${point.emotion}`, { defaultValue: point.emotion }) : null,
          }))}
        />
      )}
      {timeline.some((point) => labels?.get(point.transcript_id)?.followUp) && <p className="muted small">{t('report.followUpLegend')}</p>}
    </section>
  );
}
