import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { ReportLoader } from '../components/ReportView';
import { QueryState, StatusBadge } from '../components/Status';
import { formatDate } from '../lib/format';
import { KindLabel } from '../components/InterviewKind';

export function ReportPage() {
  const { id } = useParams();
  const interviewId = Number(id);
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const interview = useQuery({ queryKey: ['interview', interviewId], queryFn: () => api.getInterview(interviewId), enabled: interviewId > 0 });
  return (
    <QueryState query={interview}>
      {(data) => (
        <section aria-labelledby="report-title">
          <h1 id="report-title">{t('report.title')}</h1>
          <p className="muted">
            {data.position} · #{data.id} · <StatusBadge status={data.status} /> · {formatDate(data.end_time ?? data.created_at, i18n.language)}
          </p>
          <p data-testid="report-kind">
            <KindLabel interview={data} />
          </p>
          <ReportLoader interviewId={data.id} />
          <p>
            {user?.role === 'candidate' ? (
              <Link to="/candidate">{t('report.backToList')}</Link>
            ) : (
              <Link to={`/recruiter/interviews/${data.id}`}>{t('common.back')}</Link>
            )}
          </p>
        </section>
      )}
    </QueryState>
  );
}
