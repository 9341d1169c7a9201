import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import type { OverrideInput, ReportResult, ReviewInput, StaffReport } from '../api/types';

/** The report of an interview, polling while the API answers 202 (being written). */
export function useReport(interviewId: number, enabled = true) {
  return useQuery({
    queryKey: ['report', interviewId],
    queryFn: () => api.getReport(interviewId),
    enabled: enabled && interviewId > 0,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.state === 'pending' ? Math.min(10_000, Math.max(100, data.retryAfterMs)) : false;
    },
    staleTime: (query) => (query.state.data?.state === 'ready' ? 60_000 : 0),
  });
}

/**
 * A review or an override: the API answers the staff report, which replaces the cached one; the
 * interview (its overall score is the final one), the lists and the audit trail are fetched again.
 */
function useReportChange<T>(interviewId: number, send: (id: number, body: T) => Promise<StaffReport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => send(interviewId, body),
    onSuccess: (report) => {
      const result: ReportResult = { state: 'ready', report };
      queryClient.setQueryData(['report', interviewId], result);
      void queryClient.invalidateQueries({ queryKey: ['interview', interviewId] });
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
    },
  });
}

export const useReviewReport = (interviewId: number) => useReportChange<ReviewInput>(interviewId, api.reviewReport);
export const useOverrideScore = (interviewId: number) => useReportChange<OverrideInput>(interviewId, api.overrideScore);
