import { useTranslation } from 'react-i18next';
import { emotionEmoji, sentimentLevel } from '../lib/sentiment';

/** A small live indicator: level, score and emotion of one answer ("Analysing…" until scored). */
export function SentimentBadge({ score, emotion }: { score: number | null; emotion: string | null }) {
  const { t } = useTranslation();
  const level = sentimentLevel(score);
  const text =
    level === 'pending'
      ? t('sentiment.pending')
      : t('sentiment.value', { level: t(`sentiment.${level}`), score: (score as number).toFixed(2) });
  return (
    <span className={`sentiment sentiment-${level}`} data-testid="sentiment" data-level={level} aria-live="polite">
      <span aria-hidden="true">{emotionEmoji(emotion)}</span> <span className="sr-only">{t('sentiment.label')}: </span>
      {text}
      {emotion && level !== 'pending' && <span className="sentiment-emotion"> · {t(`emotions.${emotion}`, { defaultValue: emotion })}</span>}
    </span>
  );
}

/** A meter from -1 to 1 for the answer just given; "scoring…" until it has a score (an empty meter
 * would read as the most negative value). */
export function SentimentMeter({ score }: { score: number | null }) {
  const { t } = useTranslation();
  if (score === null) {
    return (
      <p className="meter-pending muted" role="status" data-testid="sentiment-scoring">
        <span className="spinner" aria-hidden="true" /> {t('sentiment.scoring')}
      </p>
    );
  }
  const percent = ((score + 1) / 2) * 100;
  return (
    <div className="meter" role="meter" aria-valuemin={-1} aria-valuemax={1} aria-valuenow={score} aria-label={t('room.liveSentiment')}>
      <div className={`meter-fill sentiment-bg-${sentimentLevel(score)}`} style={{ width: `${percent}%` }} />
    </div>
  );
}
