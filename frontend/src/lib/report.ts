import type { Evidence, QuestionEvaluation, Report } from '../api/types';

/** Evidence quotes without repeats (the same quote may back several criteria). */
export function uniqueEvidence(evidence: Evidence[] | undefined): Evidence[] {
  const seen = new Set<string>();
  const result: Evidence[] = [];
  for (const item of evidence ?? []) {
    const key = `${item.transcript_id ?? ''}|${item.quote}`;
    if (!item.quote || seen.has(key)) continue;
    seen.add(key);
    result.push(item);
  }
  return result;
}

export function questionEvaluations(report: Report): QuestionEvaluation[] {
  const questions = report.details_json?.questions;
  return Array.isArray(questions) ? questions : [];
}

/** The overall score the API gave, or the mean of the three scores when it gave none. */
export function overallScore(report: Report): number {
  if (typeof report.overall_score === 'number') return report.overall_score;
  return (report.technical_score + report.communication_score + report.cultural_fit_score) / 3;
}

export interface CompareRow {
  interviewId: number;
  candidateId: number;
  candidateName?: string;
  technical: number | null;
  communication: number | null;
  culturalFit: number | null;
  overall: number | null;
}

/** The highest value in each column, to highlight the leader when comparing candidates. */
export function columnBest(rows: CompareRow[]): Record<'technical' | 'communication' | 'culturalFit' | 'overall', number | null> {
  const best = (values: (number | null)[]) => {
    const numbers = values.filter((value): value is number => value !== null);
    return numbers.length ? Math.max(...numbers) : null;
  };
  return {
    technical: best(rows.map((row) => row.technical)),
    communication: best(rows.map((row) => row.communication)),
    culturalFit: best(rows.map((row) => row.culturalFit)),
    overall: best(rows.map((row) => row.overall)),
  };
}

/** The version of a question and its rubric the report scored: the question's own `question_version`,
 * else the report's `rubric_versions` list; null for reports written before questions had versions. */
export function questionVersion(report: Report, questionId: number): number | null {
  const evaluation = questionEvaluations(report).find((item) => item.question_id === questionId);
  if (typeof evaluation?.question_version === 'number') return evaluation.question_version;
  const listed = report.details_json?.rubric_versions;
  const found = Array.isArray(listed) ? listed.find((item) => item?.question_id === questionId) : undefined;
  return typeof found?.version === 'number' ? found.version : null;
}
