import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../lib/useNow';

function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The time the posting suggests for one question, counting down from when it appeared; at zero a
 * gentle note to finish the thought. A guide only: the answer can always be sent.
 */
export function TimeGuide({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const [started] = useState(() => Date.now());
  const now = useNow(1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const left = Math.max(0, Math.ceil(seconds - (now - started) / 1000));
  if (left === 0) {
    return (
      <p className="time-guide time-up" role="status" data-testid="time-guide" data-left={0}>
        <span aria-hidden="true">⏱ </span>
        {t('room.timeUp')}
      </p>
    );
  }
  return (
    <p className="time-guide" data-testid="time-guide" data-left={left}>
      <span aria-hidden="true">⏱ </span>
      {/* role=timer is not announced on every tick: a screen reader reads it when asked. */}
      <span role="timer" aria-label={t('room.timeLeftLabel', { time: clock(left) })}>
        {t('room.timeLeft', { time: clock(left) })}
      </span>
    </p>
  );
}
