import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api/endpoints';
import {
  LiveTranscriber,
  TokenSource,
  TranscriberError,
  browserSupportsVoice,
  type TranscriberSnapshot,
} from '../speech/deepgram';
import { errorMessage } from './Status';

export function voiceErrorMessage(error: TranscriberError, t: TFunction): string {
  switch (error.code) {
    case 'permission':
      return t('voice.errors.permission');
    case 'no-microphone':
      return t('voice.errors.noMicrophone');
    case 'unsupported':
      return t('voice.unsupported');
    case 'token':
      return t('voice.errors.token', { detail: error.detail || '?' });
    case 'connect':
      return t('voice.errors.connect', { detail: error.detail || '?' });
    case 'closed':
      return t('voice.errors.closed', { detail: error.detail || '?' });
    default:
      return t('voice.errors.microphone', { detail: error.detail || '?' });
  }
}

const IDLE: TranscriberSnapshot = { state: 'idle', finalText: '', interim: '' };

/**
 * Answering by voice: the microphone streamed to Deepgram's live speech-to-text with a short-lived
 * token from the API; interim text shown while speaking (and given to `onPartial`, to be kept with
 * the draft); on stop the final text goes into the answer box (`onText`) for the candidate to check
 * and send. Without a microphone, a browser that records or voice on the server, it says so (never
 * why the server has none: that is the operator's business) and the answer is typed.
 */
export function VoiceAnswer({
  interviewId,
  onText,
  onBusyChange,
  onPartial,
}: {
  interviewId: number;
  onText: (text: string) => void;
  onBusyChange?: (busy: boolean) => void;
  /** What was heard so far and is not yet in the answer box ('' once it is, or nothing was). */
  onPartial?: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [supported] = useState(browserSupportsVoice);
  const availability = useQuery({
    queryKey: ['stt', interviewId],
    queryFn: () => api.sttToken(interviewId),
    enabled: supported,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [snapshot, setSnapshot] = useState<TranscriberSnapshot>(IDLE);
  const [error, setError] = useState<TranscriberError | null>(null);
  const [outcome, setOutcome] = useState<'done' | 'empty' | null>(null);
  const transcriberRef = useRef<LiveTranscriber | null>(null);
  const callbacks = useRef({ onText, onBusyChange, onPartial });
  useEffect(() => {
    callbacks.current = { onText, onBusyChange, onPartial };
  });
  const heard = snapshot.state === 'idle' ? '' : [snapshot.finalText, snapshot.interim].filter(Boolean).join(' ').trim();
  useEffect(() => {
    callbacks.current.onPartial?.(heard);
  }, [heard]);

  const busy = snapshot.state !== 'idle';
  useEffect(() => {
    callbacks.current.onBusyChange?.(busy);
  }, [busy]);
  useEffect(
    () => () => {
      transcriberRef.current?.abort();
      callbacks.current.onBusyChange?.(false);
    },
    [],
  );

  function transcriber(): LiveTranscriber {
    if (transcriberRef.current) return transcriberRef.current;
    const tokens = new TokenSource(async () => {
      const answer = await api.sttToken(interviewId).catch((cause: unknown) => {
        throw new TranscriberError('token', errorMessage(cause, t));
      });
      if (!answer.available) throw new TranscriberError('token', t('voice.unavailable'));
      return answer;
    });
    // The availability check already brought a token: use it while it is fresh.
    if (availability.data?.available) tokens.seed(availability.data, availability.dataUpdatedAt);
    transcriberRef.current = new LiveTranscriber({
      tokens,
      onChange: setSnapshot,
      onUnexpectedClose: (closed, textSoFar) => {
        setError(closed);
        if (textSoFar) callbacks.current.onText(textSoFar);
      },
    });
    return transcriberRef.current;
  }

  async function start() {
    setError(null);
    setOutcome(null);
    try {
      await transcriber().start();
    } catch (failure) {
      setError(failure instanceof TranscriberError ? failure : new TranscriberError('microphone', String(failure)));
    }
  }

  async function stop() {
    const text = await transcriber().stop();
    if (text) {
      callbacks.current.onText(text);
      setOutcome('done');
    } else {
      setOutcome('empty');
    }
  }

  if (!supported) {
    return (
      <div className="alert alert-info voice-off" data-testid="voice-unavailable">
        <span>
          <span aria-hidden="true">⌨️ </span>
          {t('voice.unsupported')}
        </span>
      </div>
    );
  }
  if (availability.isPending) {
    return (
      <p className="muted small" role="status">
        {t('voice.checking')}
      </p>
    );
  }
  if (availability.isError) {
    return (
      <div className="alert alert-warning voice-off" role="alert" data-testid="voice-unavailable">
        <span>
          {t('voice.errors.token', { detail: errorMessage(availability.error, t) })} {t('voice.typeInstead')}
        </span>
        <button type="button" className="btn btn-small" onClick={() => void availability.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!availability.data.available) {
    return (
      <div className="alert alert-info voice-off" data-testid="voice-unavailable">
        <span>
          <span aria-hidden="true">⌨️ </span>
          {t('voice.unavailable')}
        </span>
      </div>
    );
  }

  const { state, finalText, interim } = snapshot;
  const live = state === 'recording' || state === 'paused';
  return (
    <div className="voice" data-testid="voice" data-state={state}>
      <div className="button-row">
        {state === 'idle' && (
          <button type="button" className="btn" onClick={() => void start()}>
            <span aria-hidden="true">🎙️ </span>
            {t('voice.start')}
          </button>
        )}
        {state === 'connecting' && (
          <span className="voice-status" role="status">
            <span className="spinner" aria-hidden="true" /> {t('voice.connecting')}
          </span>
        )}
        {live && (
          <>
            <span className="voice-status" role="status">
              <span className={`rec-dot${state === 'paused' ? ' paused' : ''}`} aria-hidden="true" />
              {state === 'recording' ? t('voice.listening') : t('voice.paused')}
            </span>
            {state === 'recording' ? (
              <button type="button" className="btn btn-small" onClick={() => transcriber().pause()}>
                {t('voice.pause')}
              </button>
            ) : (
              <button type="button" className="btn btn-small" onClick={() => transcriber().resume()}>
                {t('voice.resume')}
              </button>
            )}
            <button type="button" className="btn btn-small btn-primary" onClick={() => void stop()}>
              {t('voice.stop')}
            </button>
          </>
        )}
        {state === 'finishing' && (
          <span className="voice-status" role="status">
            <span className="spinner" aria-hidden="true" /> {t('voice.finishing')}
          </span>
        )}
      </div>
      {state !== 'idle' && state !== 'connecting' && (
        <p className="voice-transcript" data-testid="voice-transcript" aria-live="polite" aria-label={t('voice.partialLabel')}>
          {finalText && <span data-testid="voice-final">{finalText} </span>}
          {interim && (
            <span className="interim" data-testid="voice-interim">
              {interim}
            </span>
          )}
          {!finalText && !interim && <span className="muted">{t('voice.speakNow')}</span>}
        </p>
      )}
      {outcome === 'done' && state === 'idle' && (
        <p className="small voice-done" role="status" data-testid="voice-done">
          {t('voice.done')}
        </p>
      )}
      {outcome === 'empty' && state === 'idle' && !error && (
        <p className="small muted" role="status">
          {t('voice.nothingHeard')}
        </p>
      )}
      {error && (
        <div className="alert alert-error" role="alert" data-testid="voice-error">
          <span>
            {voiceErrorMessage(error, t)} {t('voice.typeInstead')}
          </span>
        </div>
      )}
    </div>
  );
}
