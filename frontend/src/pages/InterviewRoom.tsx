import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../api/client';
import { api } from '../api/endpoints';
import type { Interview, Question, Transcript } from '../api/types';
import { ErrorMessage, Loading, Notice, NotFoundMessage, isNotFound } from '../components/Status';
import { SentimentBadge, SentimentMeter } from '../components/Sentiment';
import { VoiceAnswer } from '../components/VoiceAnswer';
import { KindLabel } from '../components/InterviewKind';
import { answersByQuestion, firstUnanswered } from '../lib/interviews';

function canSpeak(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
}

function speak(text: string, language: string) {
  if (!canSpeak()) return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language === 'ko' ? 'ko-KR' : 'en-US';
  window.speechSynthesis.speak(utterance);
}

export function InterviewRoom() {
  const { id } = useParams();
  const interviewId = Number(id);
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  const interview = useQuery({ queryKey: ['interview', interviewId], queryFn: () => api.getInterview(interviewId), enabled: interviewId > 0 });
  const questions = useQuery({
    queryKey: ['questions', interviewId],
    queryFn: () => api.getQuestions(interviewId),
    enabled: interview.isSuccess,
    staleTime: Infinity,
  });
  const transcripts = useQuery({
    queryKey: ['transcripts', interviewId],
    queryFn: () => api.getTranscripts(interviewId),
    enabled: interview.isSuccess,
    // Poll while an answer waits for its sentiment score (written by a background worker).
    refetchInterval: (query) =>
      query.state.data?.some((item) => item.speaker === 'User' && item.sentiment_score === null) ? 1000 : false,
  });

  const start = useMutation({
    mutationFn: () => api.startInterview(interviewId),
    onSuccess: (updated) => {
      queryClient.setQueryData(['interview', interviewId], updated);
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
    },
  });

  if (!(interviewId > 0)) return <NotFoundMessage />;
  if (interview.isPending) return <Loading />;
  if (interview.isError) return isNotFound(interview.error) ? <NotFoundMessage /> : <ErrorMessage error={interview.error} onRetry={() => void interview.refetch()} />;
  const data = interview.data;

  return (
    <section aria-labelledby="room-title" data-testid="interview-room">
      <h1 id="room-title">{t('room.title', { position: data.position })}</h1>
      <p className="room-kind" data-testid="room-kind">
        <KindLabel interview={data} />
        <span className="muted small"> · {data.kind === 'practice' ? t('kind.practiceHint') : t('kind.realHint')}</span>
      </p>
      {questions.isPending || transcripts.isPending ? (
        <Loading />
      ) : questions.isError || transcripts.isError ? (
        <ErrorMessage error={questions.error ?? transcripts.error} onRetry={() => void Promise.all([questions.refetch(), transcripts.refetch()])} />
      ) : data.status === 'scheduled' ? (
        <div className="card">
          <p>{t('room.intro', { count: questions.data.length })}</p>
          {start.isError && <ErrorMessage error={start.error} />}
          <button type="button" className="btn btn-primary" onClick={() => start.mutate()} disabled={start.isPending}>
            {start.isPending ? t('room.beginning') : t('room.begin')}
          </button>
        </div>
      ) : data.status === 'live' ? (
        <LiveRoom interview={data} questions={questions.data} transcripts={transcripts.data} />
      ) : data.status === 'completed' ? (
        <div className="card">
          <p>{t('room.completed')}</p>
          <Link className="btn btn-primary" to={`/interviews/${data.id}/report`}>
            {t('candidate.viewReport')}
          </Link>
        </div>
      ) : (
        <Notice tone="warning">{t('room.cancelled')}</Notice>
      )}
    </section>
  );
}

function LiveRoom({ interview, questions, transcripts }: { interview: Interview; questions: Question[]; transcripts: Transcript[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sorted = useMemo(() => [...questions].sort((a, b) => a.order - b.order), [questions]);
  const answers = useMemo(() => answersByQuestion(transcripts), [transcripts]);
  const [index, setIndex] = useState(() => firstUnanswered(sorted, answers));
  const [text, setText] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [lastAnswerId, setLastAnswerId] = useState<number | null>(null);
  const [recording, setRecording] = useState(false);
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const total = sorted.length;
  const current = index < total ? sorted[index] : null;
  const answeredCount = sorted.filter((question) => answers.has(question.id)).length;

  useEffect(() => {
    answerRef.current?.focus();
  }, [index]);

  // One key per answer the candidate means to send: a retry (automatic, or pressing Send again
  // after an error) is stored once; an edited answer, or the next one, gets a new key.
  const answerKey = useRef({ answer: '', key: newIdempotencyKey() });
  const send = useMutation({
    mutationFn: (answer: string) => {
      const meant = `${current?.id ?? ''}:${answer}`;
      if (answerKey.current.answer !== meant) answerKey.current = { answer: meant, key: newIdempotencyKey() };
      return api.createTranscript(interview.id, 'User', answer, current?.id ?? null, answerKey.current.key);
    },
    onSuccess: (created) => {
      answerKey.current = { answer: '', key: newIdempotencyKey() };
      queryClient.setQueryData<Transcript[]>(['transcripts', interview.id], (old) => [...(old ?? []), created]);
      void queryClient.invalidateQueries({ queryKey: ['transcripts', interview.id] });
      setLastAnswerId(created.id);
      setText('');
      setIndex((value) => value + 1);
    },
  });

  const finishKey = useRef(newIdempotencyKey());
  const finish = useMutation({
    mutationFn: () => api.completeInterview(interview.id, finishKey.current),
    onSuccess: (updated) => {
      queryClient.setQueryData(['interview', interview.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
      navigate(`/interviews/${interview.id}/report`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setFormError(t('room.emptyAnswer'));
      return;
    }
    setFormError(null);
    send.mutate(text.trim());
  }

  /** A spoken answer joins what is already in the box, to be checked and sent. */
  function addSpoken(spoken: string) {
    setText((value) => (value.trim() ? `${value.trimEnd()} ${spoken}` : spoken));
    setFormError(null);
    answerRef.current?.focus();
  }

  function finishInterview() {
    if (answeredCount < total && !window.confirm(t('room.finishConfirm'))) return;
    finish.mutate();
  }

  const lastAnswer = lastAnswerId !== null ? transcripts.find((item) => item.id === lastAnswerId) : undefined;
  const userAnswers = transcripts.filter((item) => item.speaker === 'User').sort((a, b) => a.order - b.order);
  const questionNumber = (questionId: number | null) => sorted.findIndex((question) => question.id === questionId) + 1;

  return (
    <div className="room">
      <div className="progress-wrap">
        <div className="progress-text">
          <span data-testid="progress" data-answered={answeredCount} data-total={total}>{t('room.progress', { current: Math.min(index + 1, total), total })}</span>
          <span className="muted small">{t('room.answeredCount', { answered: answeredCount, total })}</span>
        </div>
        <progress max={total} value={answeredCount} aria-label={t('room.progressLabel')} />
      </div>

      {current ? (
        <form className="card question-card" onSubmit={submit} aria-labelledby="current-question">
          <p className="eyebrow">
            {t('room.question')} {index + 1} · {t(`categories.${current.category}`)}
          </p>
          <p id="current-question" className="question-text" data-testid="question-text" aria-live="polite">
            <span aria-hidden="true">🤖 </span>
            {current.content}
          </p>
          {canSpeak() && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => speak(current.content, interview.language)}>
              🔊 {t('room.speak')}
            </button>
          )}
          <VoiceAnswer key={current.id} interviewId={interview.id} onText={addSpoken} onBusyChange={setRecording} />
          <div className="field">
            <label htmlFor="answer">{t('room.answerLabel')}</label>
            <textarea
              id="answer"
              ref={answerRef}
              name="answer"
              rows={5}
              maxLength={10000}
              placeholder={t('room.answerPlaceholder')}
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-invalid={formError ? true : undefined}
              aria-describedby={formError ? 'answer-error' : undefined}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !recording) submit(event);
              }}
            />
            {formError && (
              <small id="answer-error" className="field-error" role="alert">
                {formError}
              </small>
            )}
          </div>
          {send.isError && <ErrorMessage error={send.error} />}
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={send.isPending || recording}>
              {send.isPending ? t('room.sending') : t('room.send')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setIndex((value) => value + 1)} disabled={send.isPending || recording}>
              {t('room.skip')}
            </button>
          </div>
        </form>
      ) : (
        <Notice tone="success">{t('room.allAnswered')}</Notice>
      )}

      {lastAnswer && (
        <div className="card live-sentiment" data-testid="live-sentiment">
          <p className="eyebrow">{t('room.liveSentiment')}</p>
          <SentimentMeter score={lastAnswer.sentiment_score} />
          <SentimentBadge score={lastAnswer.sentiment_score} emotion={lastAnswer.emotion} />
        </div>
      )}

      <div className="button-row end">
        {finish.isError && <ErrorMessage error={finish.error} />}
        <button type="button" className={`btn ${current ? 'btn-ghost' : 'btn-primary'}`} onClick={finishInterview} disabled={finish.isPending || recording}>
          {finish.isPending ? t('room.finishing') : t('room.finish')}
        </button>
      </div>

      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">{t('room.answersTitle')}</h2>
        {userAnswers.length === 0 ? (
          <p className="muted">{t('room.noAnswers')}</p>
        ) : (
          <ol className="answers" data-testid="answers">
            {userAnswers.map((answer) => (
              <li key={answer.id}>
                <span className="muted small">{t('report.questionShort', { n: questionNumber(answer.question_id) || '?' })}</span>
                <p>{answer.text}</p>
                <SentimentBadge score={answer.sentiment_score} emotion={answer.emotion} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
