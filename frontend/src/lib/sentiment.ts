export type SentimentLevel = 'positive' | 'neutral' | 'negative' | 'pending';

/** Sentiment scores run from -1 to 1; null means the answer has not been scored yet. */
export function sentimentLevel(score: number | null | undefined): SentimentLevel {
  if (score === null || score === undefined) return 'pending';
  if (score >= 0.2) return 'positive';
  if (score <= -0.2) return 'negative';
  return 'neutral';
}

export const EMOTIONS = ['happy', 'neutral', 'sad', 'angry', 'anxious'] as const;

export function emotionEmoji(emotion: string | null | undefined): string {
  switch (emotion) {
    case 'happy':
      return '😊';
    case 'neutral':
      return '😐';
    case 'sad':
      return '😢';
    case 'angry':
      return '😠';
    case 'anxious':
      return '😟';
    default:
      return '…';
  }
}
