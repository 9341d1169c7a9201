import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { Report } from '../api/types';
import { ErrorMessage, Loading, Notice, NotFoundMessage, isNotFound } from './Status';
import { CandidateReportView } from './CandidateReport';
import { StaffReportView } from './StaffReport';
import { useReport } from './reportQueries';

export { useReport } from './reportQueries';

/** The report of an interview, waiting through 202 (being written); the API decides which view the caller gets. */
export function ReportLoader({ interviewId, notFoundAsPage = true }: { interviewId: number; notFoundAsPage?: boolean }) {
  const { t } = useTranslation();
  const report = useReport(interviewId);
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    if (report.dataUpdatedAt) setChecks((count) => count + 1);
  }, [report.dataUpdatedAt]);
  if (report.isPending) return <Loading />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.status === 409) return <Notice tone="info">{t('report.notCompleted')}</Notice>;
    if (isNotFound(report.error) && notFoundAsPage) return <NotFoundMessage />;
    return <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />;
  }
  if (report.data.state === 'pending') {
    return (
      <div className="card pending" role="status" aria-live="polite" data-testid="report-pending">
        <p>
          <span className="spinner" aria-hidden="true" /> <strong>{t('report.pending')}</strong>
        </p>
        <div className="indeterminate" aria-hidden="true">
          <span />
        </div>
        <p className="muted small">{t('report.pendingDetail', { count: Math.max(1, checks) })}</p>
      </div>
    );
  }
  return <ReportView report={report.data.report} />;
}

/** The candidate's feedback report, or the staff report with its review and overrides. */
export function ReportView({ report }: { report: Report }) {
  return report.view === 'candidate' ? <CandidateReportView report={report} /> : <StaffReportView report={report} />;
}
