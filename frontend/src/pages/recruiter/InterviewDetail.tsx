import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import type { Interview } from '../../api/types';
import { SentimentChart } from '../../components/Charts';
import { ReportLoader } from '../../components/ReportView';
import { InterviewReviewMarker } from '../../components/ReportParts';
import { SentimentBadge } from '../../components/Sentiment';
import { CandidateName } from '../../components/CandidateName';
import { KindBadge } from '../../components/InterviewKind';
import { ErrorMessage, QueryState, StatusBadge } from '../../components/Status';
import { formatDate, formatScore } from '../../lib/format';
import { conversation, sentimentSeries } from '../../lib/interviews';

export function InterviewDetail() {
  const { id } = useParams();
  const interviewId = Number(id);
  const interview = useQuery({ queryKey: ['interview', interviewId], queryFn: () => api.getInterview(interviewId), enabled: interviewId > 0 });
  return <QueryState query={interview}>{(data) => <DetailBody interview={data} />}</QueryState>;
}

function DetailBody({ interview }: { interview: Interview }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const live = interview.status === 'live';
  const transcripts = useQuery({
    queryKey: ['transcripts', interview.id],
    queryFn: () => api.getTranscripts(interview.id),
    refetchInterval: (query) =>
      live || query.state.data?.some((item) => item.speaker === 'User' && item.sentiment_score === null) ? 3000 : false,
  });
  const cancel = useMutation({
    mutationFn: () => api.cancelInterview(interview.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(['interview', interview.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
    },
  });
  const canCancel = interview.status === 'scheduled' || interview.status === 'live';
  return (
    <>
      <div className="page-head">
        <h1>
          {t('interviews.detailTitle', { id: interview.id })} <KindBadge kind={interview.kind} /> <StatusBadge status={interview.status} />
        </h1>
        {canCancel && (
          <button
            type="button"
            className="btn btn-danger"
            disabled={cancel.isPending}
            onClick={() => {
              if (window.confirm(t('interviews.cancelConfirm'))) cancel.mutate();
            }}
          >
            {t('interviews.cancel')}
          </button>
        )}
      </div>
      {cancel.isError && <ErrorMessage error={cancel.error} />}
      <dl className="facts card">
        <div>
          <dt>{t('common.candidate')}</dt>
          <dd>
            <CandidateName interview={interview} /> <span className="muted small">({t('common.candidateNo', { id: interview.candidate_id })})</span>
          </dd>
        </div>
        <div>
          <dt>{t('common.position')}</dt>
          <dd>
            {interview.position}
            {interview.job_posting_id !== null && (
              <>
                {' '}
                (<Link to={`/recruiter/postings/${interview.job_posting_id}`}>{interview.job_posting_title ?? `${t('nav.postings')} #${interview.job_posting_id}`}</Link>)
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('kind.label')}</dt>
          <dd data-testid="interview-kind">
            {t(`kind.${interview.kind}`)}
            {interview.retake && <span className="muted small"> · {t('invitations.retake')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('invite.deadline')}</dt>
          <dd>{formatDate(interview.deadline, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('interviews.scheduledAt')}</dt>
          <dd>{formatDate(interview.scheduled_time, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('interviews.started')}</dt>
          <dd>{formatDate(interview.start_time, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('interviews.ended')}</dt>
          <dd>{formatDate(interview.end_time, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('report.overall')}</dt>
          <dd data-testid="interview-overall">
            {formatScore(interview.overall_score)} <InterviewReviewMarker interviewId={interview.id} enabled={interview.status === 'completed'} />
          </dd>
        </div>
      </dl>

      <QueryState query={transcripts}>
        {(list) => {
          const series = sentimentSeries(list);
          const turns = conversation(list);
          return (
            <div className="two-col">
              <section className="card" aria-labelledby="sentiment-title">
                <h2 id="sentiment-title">{t('interviews.sentimentChart')}</h2>
                {series.length === 0 ? (
                  <p className="muted">{t('interviews.noSentiment')}</p>
                ) : (
                  <SentimentChart
                    points={series.map((point) => ({ ...point, emotion: point.emotion ? t(`emotions.${point.emotion}`, { defaultValue: point.emotion }) : null }))}
                    label={t('interviews.sentimentChartLabel')}
                    xLabel={(n) => t('interviews.answerNo', { n })}
                  />
                )}
              </section>
              <section className="card" aria-labelledby="transcript-title">
                <h2 id="transcript-title">{t('interviews.transcript')}</h2>
                {turns.length === 0 ? (
                  <p className="muted">{t('interviews.noTranscript')}</p>
                ) : (
                  <ol className="transcript" data-testid="transcript">
                    {turns.map((turn, index) => (
                      <li key={turn.question?.id ?? `orphan-${index}`}>
                        {turn.question && (
                          <div className="utterance ai">
                            <span className="speaker">{turn.followUp ? t('room.followUp') : t('interviews.ai')}</span>
                            <p>{turn.question.text}</p>
                          </div>
                        )}
                        {turn.answers.map((answer) => (
                          <div key={answer.id} className="utterance user">
                            <span className="speaker">
                              {t('interviews.user')} · <time dateTime={answer.timestamp}>{formatDate(answer.timestamp, i18n.language)}</time>
                            </span>
                            <p>{answer.text}</p>
                            <SentimentBadge score={answer.sentiment_score} emotion={answer.emotion} />
                          </div>
                        ))}
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            </div>
          );
        }}
      </QueryState>

      {interview.status === 'completed' && (
        <section aria-labelledby="detail-report-title">
          <h2 id="detail-report-title">{t('interviews.reportTitle')}</h2>
          <ReportLoader interviewId={interview.id} />
        </section>
      )}
    </>
  );
}
