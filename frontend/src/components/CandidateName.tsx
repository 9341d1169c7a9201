import { useTranslation } from 'react-i18next';
import type { Interview } from '../api/types';
import { candidateName } from '../lib/interviews';

type Named = Pick<Interview, 'candidate_id' | 'candidate_full_name' | 'candidate_username'>;

/** "Kim Jiwon @jiwon": the candidate's name with their username, else "Candidate #N". */
export function CandidateName({ interview }: { interview: Named }) {
  const { t } = useTranslation();
  const name = candidateName(interview);
  if (!name) return <>{t('common.candidateNo', { id: interview.candidate_id })}</>;
  const username = interview.candidate_username;
  return (
    <span className="candidate-name" title={t('common.candidateNo', { id: interview.candidate_id })}>
      {name}
      {username && username !== name && <span className="muted small"> @{username}</span>}
    </span>
  );
}

/** The same as plain text, for chart legends and other places that take a string. */
export function useCandidateLabel() {
  const { t } = useTranslation();
  return (interview: Named) => candidateName(interview) ?? t('common.candidateNo', { id: interview.candidate_id });
}
