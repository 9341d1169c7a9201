import type { Evidence, FinalQuestionScore, QuestionEvaluation, ScoreOverride, ScoreScope, StaffReport } from '../api/types';

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

export function questionEvaluations(report: Pick<StaffReport, 'details_json'>): QuestionEvaluation[] {
  const questions = report.details_json?.questions;
  return Array.isArray(questions) ? questions : [];
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
export function questionVersion(report: Pick<StaffReport, 'details_json'>, questionId: number): number | null {
  const evaluation = questionEvaluations(report).find((item) => item.question_id === questionId);
  if (typeof evaluation?.question_version === 'number') return evaluation.question_version;
  const listed = report.details_json?.rubric_versions;
  const found = Array.isArray(listed) ? listed.find((item) => item?.question_id === questionId) : undefined;
  return typeof found?.version === 'number' ? found.version : null;
}

/** The override in force for a score: the latest of its scope (and question); none when nobody set it. */
export function overrideInForce(overrides: ScoreOverride[] | undefined, scope: ScoreScope, questionId: number | null = null): ScoreOverride | null {
  let found: ScoreOverride | null = null;
  for (const item of overrides ?? []) {
    if (item.scope !== scope) continue;
    if (scope === 'question' && item.question_id !== questionId) continue;
    found = item; // oldest first: the last one wins
  }
  return found;
}

/** Whether the final score differs from the AI's (shown to one decimal, as the screens show them). */
export function differsFromAi(ai: number | null | undefined, final: number | null | undefined): boolean {
  if (final === null || final === undefined) return false;
  if (ai === null || ai === undefined) return true;
  return Math.round(ai * 10) !== Math.round(final * 10);
}

/** A score of the report, final and the AI's, with the override in force if any. */
export interface ScoreLine {
  scope: ScoreScope;
  questionId: number | null;
  ai: number | null;
  final: number | null;
  override: ScoreOverride | null;
  /** The final score is not the AI's (an override, or recomputed from overridden questions). */
  changed: boolean;
}

const AI_FIELD = {
  overall: 'overall_score',
  technical: 'technical_score',
  communication: 'communication_score',
  cultural_fit: 'cultural_fit_score',
} as const;

export function scoreLine(report: StaffReport, scope: Exclude<ScoreScope, 'question'>): ScoreLine {
  const ai = report[AI_FIELD[scope]];
  const final = report.final_scores?.[scope] ?? null;
  const override = overrideInForce(report.overrides, scope);
  return { scope, questionId: null, ai, final, override, changed: override !== null || differsFromAi(ai, final) };
}

export function questionLine(report: StaffReport, evaluation: Pick<QuestionEvaluation, 'question_id' | 'answered' | 'score'>): ScoreLine {
  const listed: FinalQuestionScore | undefined = report.final_scores?.questions?.find((item) => item.question_id === evaluation.question_id);
  const ai = listed ? listed.ai_score : evaluation.answered ? evaluation.score : null;
  const final = listed ? listed.score : ai;
  const override = overrideInForce(report.overrides, 'question', evaluation.question_id);
  return { scope: 'question', questionId: evaluation.question_id, ai, final, override, changed: override !== null || Boolean(listed?.overridden) || differsFromAi(ai, final) };
}

/**
 * The questions a staff report lists: the evaluator's, then any the final scores name that the
 * evaluator did not (with AI scoring off the report may list none), each once, in asking order.
 */
export function staffQuestions(report: StaffReport, asked: { id: number; content: string; category?: string; order?: number }[] = []): QuestionEvaluation[] {
  const rows = [...questionEvaluations(report)];
  const known = new Set(rows.map((row) => row.question_id));
  const byId = new Map(asked.map((question) => [question.id, question]));
  for (const item of report.final_scores?.questions ?? []) {
    if (known.has(item.question_id)) continue;
    known.add(item.question_id);
    const question = byId.get(item.question_id);
    rows.push({ question_id: item.question_id, question: question?.content ?? '', category: question?.category, answered: item.ai_score !== null || item.score !== null, score: item.ai_score });
  }
  if (report.scoring === 'human') {
    for (const question of [...asked].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))) {
      if (known.has(question.id)) continue;
      known.add(question.id);
      rows.push({ question_id: question.id, question: question.content, category: question.category, answered: true, score: null });
    }
  }
  const order = (id: number) => byId.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const sorted = asked.length ? [...rows].sort((a, b) => order(a.question_id) - order(b.question_id)) : rows;
  return sorted.map((row) => (row.question ? row : { ...row, question: byId.get(row.question_id)?.content ?? '' }));
}

export type HumanReviewReason = 'offline' | 'fallback' | 'scoringOff' | 'scorerText';

/**
 * The known reason a report needs a human review, from the evaluator's words: a fallback after the
 * language model failed (written by the offline evaluator too, so checked first), the offline
 * evaluator, AI scoring switched off, or answers containing text addressed to the scorer; null for
 * any other reason (shown as given).
 */
export function humanReviewReason(reason: string | null | undefined): HumanReviewReason | null {
  const text = (reason ?? '').toLowerCase();
  if (!text) return null;
  if (/fall ?back|failed/.test(text)) return 'fallback';
  if (text.includes('offline')) return 'offline';
  if (/ai scoring (is )?(switched |turned )?off|human/.test(text)) return 'scoringOff';
  if (text.includes('addressed to the scorer')) return 'scorerText';
  return null;
}

export interface ReviewReasonPart {
  key: HumanReviewReason | null;
  /** The evaluator's own words for this part. */
  text: string;
  /** What followed "failed:" in a fallback's reason (the language model's error). */
  detail: string | null;
}

/** The reasons a report needs a human review, one per part of the evaluator's text ("a; b"). */
export function humanReviewReasons(reason: string | null | undefined): ReviewReasonPart[] {
  return (reason ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((text) => {
      const key = humanReviewReason(text);
      const failed = key === 'fallback' ? /failed\s*:\s*(.+)$/i.exec(text) : null;
      return { key, text, detail: failed ? failed[1].trim() : null };
    });
}

export const REASON_MIN = 3;
export const REASON_MAX = 2000;
export const NOTE_MAX = 2000;

export interface OverrideDraft {
  score: string;
  reason: string;
}

/** What is wrong with an override before it is sent: keys of `review.errors`. */
export function checkOverride(draft: OverrideDraft): { score?: 'score'; reason?: 'reasonShort' | 'reasonLong' } {
  const problems: { score?: 'score'; reason?: 'reasonShort' | 'reasonLong' } = {};
  const text = draft.score.trim();
  const value = Number(text);
  if (!text || !Number.isFinite(value) || value < 0 || value > 100) problems.score = 'score';
  const reason = draft.reason.trim();
  if (reason.length < REASON_MIN) problems.reason = 'reasonShort';
  else if (reason.length > REASON_MAX) problems.reason = 'reasonLong';
  return problems;
}
