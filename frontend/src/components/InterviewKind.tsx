import { useTranslation } from 'react-i18next';
import type { Interview, InterviewKind } from '../api/types';
import { formatDate } from '../lib/format';

/** "연습 / Practice" or "실전 / Real": practice is the candidate's own, a real one is an organization's. */
export function KindBadge({ kind }: { kind: InterviewKind }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-kind-${kind}`} data-testid="kind-badge" data-kind={kind} title={t(`kind.${kind}Hint`)}>
      {t(`kind.${kind}`)}
    </span>
  );
}

/** The badge with, for a real interview, its posting and deadline. */
export function KindLabel({ interview, withBadge = true }: { interview: Pick<Interview, 'kind' | 'job_posting_title' | 'deadline'>; withBadge?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="kind-label" data-testid="kind-label">
      {withBadge && <KindBadge kind={interview.kind} />}
      {interview.kind === 'real' && interview.job_posting_title && <span className="kind-posting"> {interview.job_posting_title}</span>}
      {interview.kind === 'real' && interview.deadline && (
        <span className="muted small kind-deadline"> · {t('kind.deadline', { date: formatDate(interview.deadline, i18n.language) })}</span>
      )}
    </span>
  );
}
