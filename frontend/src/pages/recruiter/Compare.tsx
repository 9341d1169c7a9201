import { Link, useParams } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import type { Interview, JobPosting, ReportResult, StaffReport } from '../../api/types';
import { GroupedBarChart } from '../../components/Charts';
import { QueryState } from '../../components/Status';
import { useCandidateLabel } from '../../components/CandidateName';
import { formatScore } from '../../lib/format';
import { columnBest, type CompareRow } from '../../lib/report';
import { ReviewMarker } from '../../components/ReportParts';

export function Compare() {
  const { id } = useParams();
  const postingId = Number(id);
  const posting = useQuery({ queryKey: ['job-posting', postingId], queryFn: () => api.getJobPosting(postingId), enabled: postingId > 0 });
  const interviews = useQuery({
    queryKey: ['interviews', { job_posting_id: postingId }],
    queryFn: () => api.listInterviews({ job_posting_id: postingId, kind: 'real', limit: 500 }),
    enabled: postingId > 0,
  });
  return (
    <QueryState query={posting}>
      {(data) => <QueryState query={interviews}>{(list) => <CompareBody posting={data} interviews={list} />}</QueryState>}
    </QueryState>
  );
}

function CompareBody({ posting, interviews }: { posting: JobPosting; interviews: Interview[] }) {
  const { t } = useTranslation();
  const candidateLabel = useCandidateLabel();
  const completed = interviews.filter((interview) => interview.status === 'completed').sort((a, b) => a.id - b.id);
  const reports = useQueries({
    queries: completed.map((interview) => ({
      queryKey: ['report', interview.id],
      queryFn: () => api.getReport(interview.id),
      refetchInterval: (query: { state: { data?: ReportResult } }) => (query.state.data?.state === 'pending' ? 2000 : false),
    })),
  });
  const staffReports = new Map<number, StaffReport>();
  // The final scores (people's overrides included), not the AI's originals.
  const rows: CompareRow[] = completed.map((interview, index) => {
    const result = reports[index]?.data;
    const report = result?.state === 'ready' && result.report.view === 'staff' ? result.report : null;
    if (report) staffReports.set(interview.id, report);
    const final = report?.final_scores;
    return {
      interviewId: interview.id,
      candidateId: interview.candidate_id,
      candidateName: candidateLabel(interview),
      technical: final?.technical ?? null,
      communication: final?.communication ?? null,
      culturalFit: final?.cultural_fit ?? null,
      overall: final ? final.overall : interview.overall_score,
    };
  });
  const best = columnBest(rows);
  const name = (row: CompareRow) => `${row.candidateName ?? t('common.candidateNo', { id: row.candidateId })} (#${row.interviewId})`;
  const metrics = [
    { key: 'technical' as const, label: t('report.technical') },
    { key: 'communication' as const, label: t('report.communication') },
    { key: 'culturalFit' as const, label: t('report.culturalFit') },
    { key: 'overall' as const, label: t('report.overall') },
  ];
  const pendingCount = reports.filter((item) => item.isPending || item.data?.state === 'pending').length;
  return (
    <section aria-labelledby="compare-title" data-testid="compare">
      <h1 id="compare-title">{t('compare.title', { title: posting.title })}</h1>
      <p>
        <Link to={`/recruiter/postings/${posting.id}`}>{t('common.back')}</Link>
      </p>
      {rows.length === 0 ? (
        <p className="card muted">{t('compare.empty')}</p>
      ) : (
        <>
          <div className="card">
            <GroupedBarChart
              label={t('compare.chart')}
              groups={metrics.map((metric) => metric.label)}
              series={rows.map((row) => ({ name: name(row), values: metrics.map((metric) => row[metric.key]) }))}
            />
            {pendingCount > 0 && (
              <p className="muted small" role="status">
                <span className="spinner" aria-hidden="true" /> {t('compare.waiting')} ({pendingCount})
              </p>
            )}
          </div>
          <div className="card table-wrap">
            <table className="table compare-table" data-testid="compare-table">
              <caption className="sr-only">{t('compare.chart')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.candidate')}</th>
                  {metrics.map((metric) => (
                    <th key={metric.key} scope="col" className="num">
                      {metric.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.interviewId}>
                    <th scope="row">
                      <Link to={`/recruiter/interviews/${row.interviewId}`}>{name(row)}</Link>
                      {staffReports.has(row.interviewId) && (
                        <>
                          {' '}
                          <ReviewMarker report={staffReports.get(row.interviewId) as StaffReport} />
                        </>
                      )}
                    </th>
                    {metrics.map((metric) => {
                      const value = row[metric.key];
                      const isBest = value !== null && value === best[metric.key] && rows.length > 1;
                      return (
                        <td key={metric.key} className={`num${isBest ? ' best' : ''}`}>
                          {formatScore(value)}
                          {isBest && (
                            <span className="best-mark" title={t('compare.best')}>
                              {' '}
                              ★<span className="sr-only">{t('compare.best')}</span>
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
