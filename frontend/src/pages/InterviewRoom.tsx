import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../api/client';
import { api } from '../api/endpoints';
import type { Interview, Question, Transcript } from '../api/types';
import { ErrorMessage, Loading, Notice, NotFoundMessage, isNotFound, knownErrorCode } from '../components/Status';
import { SentimentBadge, SentimentMeter } from '../components/Sentiment';
import { VoiceAnswer } from '../components/VoiceAnswer';
import { KindLabel } from '../components/InterviewKind';
import { SessionWarning } from '../components/SessionWarning';
import { TimeGuide } from '../components/TimeGuide';
import { useAnswerSignals, type AnswerSignals } from '../lib/answerSignals';
import { draftText, loadDraft, removeDraft, removeInterviewDrafts, saveDraft } from '../lib/drafts';
import { formatDate } from '../lib/format';
import { questionThreads, type QuestionThread } from '../lib/interviews';
import { canSpeak, isMuted, setMuted, speak, stopSpeaking } from '../lib/speak';
import { useNow } from '../lib/useNow';

/** While the interviewer decides on a follow-up: how often the transcript is read, and for how long. */
export const FOLLOW_UP_POLL_MS = 500;
export const FOLLOW_UP_WAIT_MS = 8000;

/** Answer errors after which the interview itself is read again (its state or consent changed). */
const REFRESH_ON = new Set(['consent_required', 'notice_changed', 'interview_closed', 'deadline_passed', 'not_open_yet']);

function opensLater(interview: Interview, now: number): boolean {
  const opens = interview.opens_at ? Date.parse(interview.opens_at) : NaN;
  return interview.status === 'scheduled' && Number.isFinite(opens) && opens > now;
}

export function InterviewRoom() {
  const { id } = useParams();
  const interviewId = Number(id);
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  // A practice interview whose consent could not be recorded still goes on (the notice was shown).
  const [acknowledged, setAcknowledged] = useState(false);

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
    onError: () => void interview.refetch(),
  });

  if (!(interviewId > 0)) return <NotFoundMessage />;
  if (interview.isPending) return <Loading />;
  if (interview.isError) return isNotFound(interview.error) ? <NotFoundMessage /> : <ErrorMessage error={interview.error} onRetry={() => void interview.refetch()} />;
  const data = interview.data;
  const open = data.status === 'scheduled' || data.status === 'live';
  const needsNotice = data.consent_required === true || (!data.consented_at && !acknowledged);
  const minutes = Math.floor((data.answer_seconds ?? 0) / 60);
  const seconds = (data.answer_seconds ?? 0) % 60;

  return (
    <section aria-labelledby="room-title" data-testid="interview-room" className="room-page">
      <h1 id="room-title">{t('room.title', { position: data.position })}</h1>
      <p className="room-kind" data-testid="room-kind">
        <KindLabel interview={data} />
        <span className="muted small"> · {data.kind === 'practice' ? t('kind.practiceHint') : t('kind.realHint')}</span>
      </p>
      {open && <SessionWarning returnTo={location.pathname} />}
      {questions.isPending || transcripts.isPending ? (
        <Loading />
      ) : questions.isError || transcripts.isError ? (
        <ErrorMessage error={questions.error ?? transcripts.error} onRetry={() => void Promise.all([questions.refetch(), transcripts.refetch()])} />
      ) : data.status === 'scheduled' && opensLater(data, now) ? (
        <div className="card" data-testid="opens-later">
          <p role="status">{t('room.opensAt', { date: formatDate(data.opens_at, i18n.language) })}</p>
          <Link to="/candidate">{t('room.backHome')}</Link>
        </div>
      ) : data.status === 'scheduled' ? (
        <div className="card" data-testid="room-intro">
          <p>{data.voice_answers ? t('room.intro', { count: questions.data.length }) : t('room.introTyped', { count: questions.data.length })}</p>
          {data.answer_seconds > 0 && (
            <p>
              {t('room.introTime', {
                duration: seconds ? t('room.durationMinSec', { m: minutes, s: seconds }) : t('room.durationMin', { m: minutes }),
              })}
            </p>
          )}
          {data.follow_up_limit > 0 && <p>{t('room.introFollowUps')}</p>}
          {start.isError && <ErrorMessage error={start.error} />}
          <button type="button" className="btn btn-primary" onClick={() => start.mutate()} disabled={start.isPending}>
            {start.isPending ? t('room.beginning') : t('room.begin')}
          </button>
        </div>
      ) : data.status === 'live' && needsNotice ? (
        <AiNoticeCard interview={data} onAcknowledged={() => setAcknowledged(true)} />
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

/** Plain text with paragraphs separated by blank lines. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Before the first question: who interviews (an AI), what is assessed, how the answers are used, and
 * that a person reviews the result; agreeing records the consent with the notice's version. A real
 * interview shows no question until then; a practice interview goes on even if recording it fails.
 */
function AiNoticeCard({ interview, onAcknowledged }: { interview: Interview; onAcknowledged: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const practice = interview.kind === 'practice';
  const notice = useQuery({ queryKey: ['notice', interview.id], queryFn: () => api.getNotice(interview.id), staleTime: Infinity });
  const [changed, setChanged] = useState(false);
  const consent = useMutation({
    mutationFn: (version: string) => api.consent(interview.id, version),
    onSuccess: (updated) => {
      queryClient.setQueryData(['interview', interview.id], updated);
      onAcknowledged();
    },
    onError: (error) => {
      if (knownErrorCode(error) === 'notice_changed') {
        setChanged(true);
        void notice.refetch();
      } else if (practice) onAcknowledged();
    },
  });
  const fallback = practice && notice.isError;
  const text = notice.data?.text ?? (fallback ? t('notice.practiceDefault') : '');
  const version = notice.data?.version ?? interview.notice_version;
  return (
    <section className="card notice-card" aria-labelledby="notice-title" data-testid="ai-notice">
      <h2 id="notice-title">{t('notice.title')}</h2>
      {notice.isPending ? (
        <Loading />
      ) : notice.isError && !fallback ? (
        <ErrorMessage error={notice.error} onRetry={() => void notice.refetch()} />
      ) : (
        <>
          {changed && (
            <Notice tone="warning">
              <span data-testid="notice-changed">{t('notice.changed')}</span>
            </Notice>
          )}
          <div className="notice-text" data-testid="notice-text" lang={notice.data?.language}>
            {paragraphs(text).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
          {version && (
            <p className="muted small" data-testid="notice-version">
              {t('notice.version', { version })}
            </p>
          )}
          {consent.isError && !practice && knownErrorCode(consent.error) !== 'notice_changed' && <ErrorMessage error={consent.error} />}
          <button
            type="button"
            className="btn btn-primary"
            disabled={consent.isPending || notice.isFetching}
            onClick={() => consent.mutate(version)}
          >
            {consent.isPending ? t('notice.agreeing') : t('notice.agree')}
          </button>
          {!practice && <p className="muted small">{t('notice.realHint')}</p>}
        </>
      )}
    </section>
  );
}

type NavStatus = 'current' | 'answered' | 'followUp' | 'skipped' | 'unanswered';

/** Unanswered questions before the last answered one: skipped in an earlier visit. */
function inferSkipped(threads: QuestionThread[]): Set<number> {
  const lastAnswered = threads.reduce((last, thread, index) => (thread.answered ? index : last), -1);
  return new Set(threads.filter((thread, index) => index < lastAnswered && !thread.answered).map((thread) => thread.question.id));
}

/** Follow-ups still open that the candidate went past (an answer was sent after them): skipped in
 * an earlier visit, like the questions `inferSkipped` finds. */
function inferSkippedFollowUps(threads: QuestionThread[], transcripts: Transcript[]): Set<number> {
  const lastAnswer = transcripts.reduce((last, line) => (line.speaker === 'User' ? Math.max(last, line.order) : last), -1);
  return new Set(threads.flatMap((thread) => (thread.openFollowUp && thread.openFollowUp.order < lastAnswer ? [thread.openFollowUp.id] : [])));
}

function LiveRoom({ interview, questions, transcripts }: { interview: Interview; questions: Question[]; transcripts: Transcript[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const threads = useMemo(() => questionThreads(questions, transcripts), [questions, transcripts]);
  const total = threads.length;
  const [skipped, setSkipped] = useState<Set<number>>(() => inferSkipped(threads));
  const [skippedFollowUps, setSkippedFollowUps] = useState<Set<number>>(() => inferSkippedFollowUps(threads, transcripts));
  // Answers whose follow-up was waited for long enough: the room moved on.
  const [gaveUp, setGaveUp] = useState<Set<number>>(() => new Set());
  const [awaiting, setAwaiting] = useState<{ questionId: number; answerId: number } | null>(null);
  const [lastAnswerId, setLastAnswerId] = useState<number | null>(null);
  const [recording, setRecording] = useState(false);
  const [muted, setMutedState] = useState(isMuted);
  const [confirming, setConfirming] = useState(false);
  const [unsent, setUnsent] = useState(false);

  /** Whether a question asks something of the candidate now (and was not put aside). */
  const needsCandidate = (thread: QuestionThread) =>
    (thread.step === 'answer' && !skipped.has(thread.question.id)) ||
    (thread.step === 'followUp' && thread.openFollowUp !== null && !skippedFollowUps.has(thread.openFollowUp.id)) ||
    (thread.step === 'waiting' && thread.lastAnswer !== null && !gaveUp.has(thread.lastAnswer.id));

  // A question with an unsent answer kept in this browser opens first (the sign-in ended while it
  // was typed), even one that counts as skipped because a later question was answered.
  const hasDraft = (thread: QuestionThread) =>
    (thread.step === 'answer' || thread.step === 'followUp') && loadDraft(interview.id, thread.question.id) !== null;
  const [currentId, setCurrentId] = useState<number | null>(
    () => (threads.find(hasDraft) ?? threads.find(needsCandidate))?.question.id ?? null,
  );
  const current = threads.find((thread) => thread.question.id === currentId) ?? null;
  const answeredCount = threads.filter((thread) => thread.answered).length;
  const unanswered = total - answeredCount;

  /** The next question that asks something, after `fromId` (then from the start); null: none left. */
  function nextAfter(fromId: number | null): number | null {
    const from = threads.findIndex((thread) => thread.question.id === fromId);
    const order = [...threads.slice(from + 1), ...threads.slice(0, Math.max(from, 0))];
    return order.find((thread) => thread.question.id !== fromId && needsCandidate(thread))?.question.id ?? null;
  }

  function goTo(questionId: number | null) {
    setConfirming(false);
    setUnsent(false);
    setCurrentId(questionId);
  }

  const moveOn = useRef<(fromId: number) => void>(() => undefined);
  moveOn.current = (fromId: number) => {
    if (currentId === fromId) goTo(nextAfter(fromId));
  };

  // While the interviewer considers the answer just saved: read the transcript often, for a while.
  useEffect(() => {
    if (awaiting === null) return;
    const poll = setInterval(
      () => void queryClient.refetchQueries({ queryKey: ['transcripts', interview.id] }, { cancelRefetch: false }),
      FOLLOW_UP_POLL_MS,
    );
    const stop = setTimeout(() => {
      setGaveUp((old) => new Set(old).add(awaiting.answerId));
      setAwaiting(null);
      moveOn.current(awaiting.questionId);
    }, FOLLOW_UP_WAIT_MS);
    return () => {
      clearInterval(poll);
      clearTimeout(stop);
    };
  }, [awaiting, interview.id, queryClient]);

  // An answer found waiting when the room opens (a reload mid-decision) is waited for the same way.
  const waitingAnswer = current?.step === 'waiting' ? current.lastAnswer : null;
  useEffect(() => {
    if (awaiting === null && waitingAnswer && !gaveUp.has(waitingAnswer.id) && waitingAnswer.question_id !== null) {
      setAwaiting({ questionId: waitingAnswer.question_id, answerId: waitingAnswer.id });
    }
  }, [awaiting, waitingAnswer, gaveUp]);

  // The interviewer decided: a follow-up (shown and spoken here) or none (on to the next question).
  const awaitedThread = awaiting ? threads.find((thread) => thread.question.id === awaiting.questionId) : undefined;
  const awaitedStep = awaitedThread?.lines.some((line) => line.id === awaiting?.answerId) ? awaitedThread.step : undefined;
  useEffect(() => {
    if (awaiting === null || awaitedStep === undefined || awaitedStep === 'waiting') return;
    setAwaiting(null);
    if (awaitedStep === 'done') moveOn.current(awaiting.questionId);
  }, [awaiting, awaitedStep]);

  // Each question (and follow-up) is spoken when it appears, unless the candidate muted the voice.
  const prompt =
    current?.step === 'followUp' && current.openFollowUp
      ? { key: `f${current.openFollowUp.id}`, text: current.openFollowUp.text }
      : current?.step === 'answer'
        ? { key: `q${current.question.id}`, text: current.question.content }
        : null;
  const spoken = useRef({ muted, language: interview.language, text: prompt?.text ?? '' });
  spoken.current = { muted, language: interview.language, text: prompt?.text ?? '' };
  useEffect(() => {
    if (prompt?.key && !spoken.current.muted) speak(spoken.current.text, spoken.current.language);
  }, [prompt?.key]);
  useEffect(() => () => stopSpeaking(), []);

  function toggleMute() {
    const next = !muted;
    setMuted(next);
    setMutedState(next);
    if (next) stopSpeaking();
  }

  function onRecording(busy: boolean) {
    setRecording(busy);
    if (busy) stopSpeaking(); // the microphone would hear the interviewer
  }

  function onSaved(created: Transcript) {
    setLastAnswerId(created.id);
    setUnsent(false);
    const questionId = created.question_id ?? currentId;
    if (questionId === null) return;
    if (created.follow_up_state === 'pending' || created.follow_up_state === 'asked') setAwaiting({ questionId, answerId: created.id });
    else moveOn.current(questionId);
  }

  function skip() {
    if (!current) return;
    stopSpeaking();
    if (current.step === 'followUp' && current.openFollowUp) {
      const followUpId = current.openFollowUp.id;
      setSkippedFollowUps((old) => new Set(old).add(followUpId));
    } else setSkipped((old) => new Set(old).add(current.question.id));
    goTo(nextAfter(current.question.id));
  }

  const finishKey = useRef(newIdempotencyKey());
  const finish = useMutation({
    mutationFn: () => api.completeInterview(interview.id, finishKey.current),
    onSuccess: (updated) => {
      removeInterviewDrafts(interview.id);
      queryClient.setQueryData(['interview', interview.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
      navigate(`/interviews/${interview.id}/report`);
    },
  });

  function finishInterview() {
    if ((unanswered > 0 || unsent) && !confirming) {
      setConfirming(true);
      return;
    }
    finish.mutate();
  }

  const status = (thread: QuestionThread): NavStatus =>
    thread.question.id === currentId
      ? 'current'
      : thread.answered
        ? thread.step === 'followUp'
          ? 'followUp'
          : 'answered'
        : skipped.has(thread.question.id)
          ? 'skipped'
          : 'unanswered';
  const lastAnswer = lastAnswerId !== null ? transcripts.find((item) => item.id === lastAnswerId) : undefined;
  const firstSkipped = threads.find((thread) => !thread.answered && thread.question.id !== currentId);
  const conversationThreads = threads.filter((thread) => thread.lines.length > 0);

  return (
    <div className="room">
      <div className="progress-wrap">
        <div className="progress-text">
          <span data-testid="progress" data-answered={answeredCount} data-total={total}>
            {t('room.progress', { current: current?.number ?? total, total })}
          </span>
          <span className="muted small">{t('room.answeredCount', { answered: answeredCount, total })}</span>
        </div>
        <progress max={total} value={answeredCount} aria-label={t('room.progressLabel')} />
      </div>

      <nav className="question-nav" aria-label={t('room.nav.label')} data-testid="question-nav">
        <ol>
          {threads.map((thread) => {
            const state = status(thread);
            return (
              <li key={thread.question.id}>
                <button
                  type="button"
                  className={`nav-item nav-${state}`}
                  data-status={state}
                  aria-current={state === 'current' ? 'step' : undefined}
                  aria-label={t('room.nav.item', { n: thread.number, status: t(`room.nav.status.${state}`) })}
                  disabled={recording}
                  onClick={() => goTo(thread.question.id)}
                >
                  <span aria-hidden="true">{thread.number}</span>
                  <span className="nav-mark" aria-hidden="true">
                    {state === 'answered' ? '✓' : state === 'skipped' ? '↷' : state === 'followUp' ? '…' : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      {current ? (
        <section className="card question-card" aria-labelledby="current-question" data-testid="question-card" data-step={current.step} data-number={current.number} data-follow-up={current.step === 'followUp' ? current.openFollowUp?.id : undefined}>
          <p className="eyebrow">
            {t('room.question')} {current.number} · {t(`categories.${current.question.category}`)}
          </p>
          <p id="current-question" className="question-text" data-testid="question-text" aria-live="polite">
            <span aria-hidden="true">🤖 </span>
            {current.question.content}
          </p>
          {canSpeak() && (
            <div className="button-row speech-controls">
              <button type="button" className="btn btn-small btn-ghost" aria-pressed={muted} onClick={toggleMute} data-testid="mute">
                {muted ? `🔇 ${t('room.unmute')}` : `🔊 ${t('room.mute')}`}
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => speak(prompt?.text ?? current.openFollowUp?.text ?? current.question.content, interview.language)}
              >
                ↻ {t('room.replay')}
              </button>
            </div>
          )}
          <div className="thread" aria-live="polite" data-testid="thread">
            {current.lines.map((line) =>
              line.speaker === 'User' ? (
                <div key={line.id} className="utterance user">
                  <span className="speaker">{t('room.you')}</span>
                  <p>{line.text}</p>
                </div>
              ) : (
                <div key={line.id} className="utterance ai follow-up" data-testid="follow-up">
                  <span className="speaker">{t('room.followUp')}</span>
                  <p data-testid="follow-up-text">{line.text}</p>
                </div>
              ),
            )}
          </div>
          {current.step === 'waiting' &&
            (current.lastAnswer && gaveUp.has(current.lastAnswer.id) ? (
              <p className="muted">{t('room.answeredNote')}</p>
            ) : (
              <p className="considering" role="status" data-testid="considering">
                <span className="spinner" aria-hidden="true" /> {t('room.considering')}
              </p>
            ))}
          {current.step === 'done' && <p className="muted">{t('room.answeredNote')}</p>}
          {(current.step === 'answer' || current.step === 'followUp') && (
            <AnswerForm
              key={prompt?.key}
              interview={interview}
              questionId={current.question.id}
              followUp={current.step === 'followUp' ? current.openFollowUp : null}
              recording={recording}
              onRecording={onRecording}
              onUnsent={setUnsent}
              onSaved={onSaved}
              onSkip={skip}
            />
          )}
          {(current.step === 'done' || current.step === 'waiting') && (
            <div className="button-row">
              <button type="button" className="btn btn-ghost" onClick={() => goTo(nextAfter(current.question.id))}>
                {t('room.next')}
              </button>
            </div>
          )}
        </section>
      ) : unanswered === 0 ? (
        <Notice tone="success">{t('room.allAnswered')}</Notice>
      ) : (
        <div className="alert alert-warning" role="status" data-testid="end-unanswered">
          <span>{t('room.endUnanswered', { count: unanswered, total })}</span>
          {firstSkipped && (
            <button type="button" className="btn btn-small" onClick={() => goTo(firstSkipped.question.id)}>
              {t('room.goToQuestion', { n: firstSkipped.number })}
            </button>
          )}
        </div>
      )}

      {lastAnswer && (
        <div className="card live-sentiment" data-testid="live-sentiment">
          <p className="eyebrow">{t('room.liveSentiment')}</p>
          <SentimentMeter score={lastAnswer.sentiment_score} />
          {lastAnswer.sentiment_score !== null && <SentimentBadge score={lastAnswer.sentiment_score} emotion={lastAnswer.emotion} />}
        </div>
      )}

      <div className="finish-area">
        {confirming && (
          <div className="alert alert-warning confirm" role="alert" data-testid="finish-confirm">
            <span>
              {unanswered > 0 ? t('room.finishConfirmCount', { count: unanswered, total }) : t('room.finishConfirmUnsent')}
            </span>
            <div className="button-row">
              <button type="button" className="btn btn-primary" onClick={() => finish.mutate()} disabled={finish.isPending}>
                {finish.isPending ? t('room.finishing') : t('room.finishAnyway')}
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(false)} disabled={finish.isPending}>
                {t('room.keepAnswering')}
              </button>
            </div>
          </div>
        )}
        {finish.isError && <ErrorMessage error={finish.error} />}
        {!confirming && (
          <div className="button-row end">
            <button
              type="button"
              className={`btn ${current ? 'btn-ghost' : 'btn-primary'}`}
              onClick={finishInterview}
              disabled={finish.isPending || recording}
            >
              {finish.isPending ? t('room.finishing') : t('room.finish')}
            </button>
          </div>
        )}
      </div>

      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">{t('room.answersTitle')}</h2>
        {conversationThreads.length === 0 ? (
          <p className="muted">{t('room.noAnswers')}</p>
        ) : (
          <ol className="answers" data-testid="answers">
            {conversationThreads.map((thread) => (
              <li key={thread.question.id} data-testid="answer-thread" data-question={thread.number}>
                <span className="muted small">{t('report.questionShort', { n: thread.number })}</span>
                <p className="small-q">{thread.question.content}</p>
                {thread.lines.map((line) =>
                  line.speaker === 'User' ? (
                    <div key={line.id} className="utterance user">
                      <p>{line.text}</p>
                      <SentimentBadge score={line.sentiment_score} emotion={line.emotion} />
                    </div>
                  ) : (
                    <div key={line.id} className="utterance ai follow-up">
                      <span className="speaker">{t('room.followUp')}</span>
                      <p>{line.text}</p>
                    </div>
                  ),
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/**
 * The answer to a question or to its follow-up: typed, or spoken and checked. What is written is
 * kept as a draft in this browser until it is saved, and put back when the room is opened again.
 */
function AnswerForm({
  interview,
  questionId,
  followUp,
  recording,
  onRecording,
  onUnsent,
  onSaved,
  onSkip,
}: {
  interview: Interview;
  questionId: number;
  followUp: Transcript | null;
  recording: boolean;
  onRecording: (busy: boolean) => void;
  onUnsent: (unsent: boolean) => void;
  onSaved: (created: Transcript) => void;
  onSkip: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [restored] = useState(() => draftText(loadDraft(interview.id, questionId)));
  const [text, setText] = useState(restored);
  const [formError, setFormError] = useState<string | null>(null);
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const latest = useRef({ text, partial: '' });
  // Measured while this answer is typed, for reviewers; after a reload only what came since.
  const meter = useAnswerSignals({ restored: restored.trim() !== '' });

  useEffect(() => {
    // On mount only: a new question or follow-up gets a new form.
    answerRef.current?.focus();
    if (restored.trim()) onUnsent(true);
    // What speech recognition heard before the reload is in the box: not a typed answer.
    if (loadDraft(interview.id, questionId)?.partial.trim()) meter.spokenWords();
  }, []);

  function keep(next: { text?: string; partial?: string }) {
    latest.current = { ...latest.current, ...next };
    saveDraft(interview.id, questionId, latest.current);
  }

  function update(value: string) {
    setText(value);
    keep({ text: value });
    onUnsent(value.trim() !== '');
  }

  // One key per answer the candidate means to send: a retry (automatic, or pressing Send again
  // after an error) is stored once, with the same signals; an edited answer, or the next one, gets
  // a new key and what was measured until then.
  const answerKey = useRef<{ answer: string; key: string; signals?: AnswerSignals }>({ answer: '', key: newIdempotencyKey() });
  const send = useMutation({
    mutationFn: (answer: string) => {
      const meant = `${questionId}:${followUp?.id ?? ''}:${answer}`;
      if (answerKey.current.answer !== meant) answerKey.current = { answer: meant, key: newIdempotencyKey(), signals: meter.signals() };
      return api.createTranscript(interview.id, 'User', answer, questionId, answerKey.current.key, answerKey.current.signals);
    },
    onSuccess: (created) => {
      meter.reset();
      removeDraft(interview.id, questionId);
      queryClient.setQueryData<Transcript[]>(['transcripts', interview.id], (old) => [...(old ?? []).filter((item) => item.id !== created.id), created]);
      void queryClient.invalidateQueries({ queryKey: ['transcripts', interview.id] });
      onSaved(created);
    },
    onError: (error) => {
      const code = knownErrorCode(error);
      if (code && REFRESH_ON.has(code)) void queryClient.invalidateQueries({ queryKey: ['interview', interview.id] });
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
  function addSpoken(words: string) {
    const value = text.trim() ? `${text.trimEnd()} ${words}` : words;
    meter.spokenWords();
    latest.current.partial = '';
    update(value);
    setFormError(null);
    answerRef.current?.focus();
  }

  const label = followUp ? t('room.followUpAnswerLabel') : t('room.answerLabel');
  return (
    <form onSubmit={submit} aria-label={label} data-testid="answer-form">
      <TimeGuide seconds={interview.answer_seconds} />
      {restored.trim() !== '' && (
        <p className="small draft-restored" role="status" data-testid="draft-restored">
          {t('room.draftRestored')}
        </p>
      )}
      {interview.voice_answers && (
        <VoiceAnswer interviewId={interview.id} onText={addSpoken} onBusyChange={onRecording} onPartial={(heard) => keep({ partial: heard })} />
      )}
      <div className="field">
        <label htmlFor="answer">{label}</label>
        <textarea
          id="answer"
          ref={answerRef}
          name="answer"
          rows={5}
          maxLength={10000}
          placeholder={t('room.answerPlaceholder')}
          value={text}
          onChange={(event) => update(event.target.value)}
          onInput={() => meter.input()}
          onPaste={(event) => meter.pasted(event.clipboardData?.getData('text') ?? '')}
          aria-invalid={formError ? true : undefined}
          aria-describedby={formError ? 'answer-error' : undefined}
          onKeyDown={(event) => {
            meter.keystroke();
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
        <button type="button" className="btn btn-ghost" onClick={onSkip} disabled={send.isPending || recording}>
          {followUp ? t('room.skipFollowUp') : t('room.skip')}
        </button>
      </div>
    </form>
  );
}
