import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Interview } from '../api/types';
import { formatDate, formatScore } from '../lib/format';
import { interviewDate } from '../lib/interviews';
import { StatusBadge } from './Status';
import { CandidateName } from './CandidateName';
import { KindBadge } from './InterviewKind';

export function InterviewTable({ interviews, caption }: { interviews: Interview[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="interview-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.id')}</th>
            <th scope="col">{t('common.candidate')}</th>
            <th scope="col">{t('common.position')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col" className="num">
              {t('common.score')}
            </th>
            <th scope="col">{t('common.date')}</th>
          </tr>
        </thead>
        <tbody>
          {interviews.map((interview) => (
            <tr key={interview.id}>
              <td>
                <Link to={`/recruiter/interviews/${interview.id}`} aria-label={`${t('interviews.open')} #${interview.id}`}>
                  #{interview.id}
                </Link>
              </td>
              <td>
                <CandidateName interview={interview} />
              </td>
              <td>
                {interview.position} <KindBadge kind={interview.kind} />
                {interview.job_posting_title && <div className="muted small">{interview.job_posting_title}</div>}
              </td>
              <td>
                <StatusBadge status={interview.status} />
              </td>
              <td className="num">{formatScore(interview.overall_score)}</td>
              <td>{formatDate(interviewDate(interview), i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
