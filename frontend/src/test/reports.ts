// Report bodies as GET /interviews/{id}/report answers them, for the tests.
import type { CandidateReport, ScoreOverride, StaffReport } from '../api/types';

export const KIM = { id: 7, username: 'kim' };

export function override(over: Partial<ScoreOverride> = {}): ScoreOverride {
  return {
    id: 3,
    scope: 'overall',
    question_id: null,
    ai_score: 61.5,
    previous_score: 61.5,
    score: 70,
    reason: 'The answers were stronger than the offline evaluator saw.',
    reviewer: KIM,
    created_at: '2026-12-01T10:00:00Z',
    ...over,
  };
}

/** A staff report of interview 12 written by the offline evaluator, pending review, nothing overridden. */
export function staffReport(over: Partial<StaffReport> = {}): StaffReport {
  return {
    view: 'staff',
    id: 1,
    interview_id: 12,
    technical_score: 60,
    communication_score: 65,
    cultural_fit_score: 61,
    overall_score: 61.5,
    summary_text: 'Solid technical answers.',
    evaluator_model: 'offline-rubric-v9',
    created_at: '2026-11-30T10:00:00Z',
    updated_at: '2026-11-30T10:00:00Z',
    details_json: {
      questions: [
        {
          question_id: 31,
          question: 'What is an index?',
          category: 'technical',
          answered: true,
          score: 55,
          question_version: 2,
          criteria: [{ name: 'data_model', score: 66.7, evidence: [{ transcript_id: 9, quote: 'B-trees speed up lookups' }] }],
          evidence: [{ transcript_id: 9, quote: 'B-trees speed up lookups' }],
          signals: { coverage: 60, relevance: 70 },
        },
        { question_id: 32, question: 'Why us?', category: 'cultural_fit', answered: false, score: null, criteria: [], evidence: [] },
      ],
      strengths: ['Covers data_model'],
      improvements: ['Say why'],
      rubric_versions: [{ question_id: 31, version: 2 }, { question_id: 32, version: 3 }],
      needs_human_review: 'written by the offline evaluator, without a language model',
    },
    ai_assisted: true,
    scoring: 'ai',
    review: {
      state: 'pending_review',
      reviewed_by: null,
      reviewed_at: null,
      note: null,
      needs_human_review: 'written by the offline evaluator, without a language model',
      can_review: true,
    },
    overrides: [],
    final_scores: {
      technical: 60,
      communication: 65,
      cultural_fit: 61,
      overall: 61.5,
      questions: [
        { question_id: 31, ai_score: 55, score: 55, overridden: false },
        { question_id: 32, ai_score: null, score: null, overridden: false },
      ],
    },
    ...over,
  };
}

/** The same report after kim set the overall score to 70. */
export function overriddenReport(): StaffReport {
  const base = staffReport();
  return { ...base, overrides: [override()], final_scores: { ...base.final_scores, overall: 70 } };
}

export function candidateReport(over: Partial<CandidateReport> = {}): CandidateReport {
  return {
    view: 'candidate',
    id: 1,
    interview_id: 12,
    kind: 'real',
    ai_assisted: true,
    review_state: 'pending_review',
    scores_visible: false,
    technical_score: null,
    communication_score: null,
    cultural_fit_score: null,
    overall_score: null,
    summary_text: '',
    feedback: { strengths: ['You gave a concrete example with numbers.'], improvements: ['Say why you chose the approach.'] },
    questions: [
      { question_id: 31, question: 'What is an index?', answered: true, score: null, feedback: 'Clear explanation of lookups.' },
      { question_id: 32, question: 'Why us?', answered: false, score: null, feedback: '' },
    ],
    evaluator_model: 'offline-rubric-v9',
    created_at: '2026-11-30T10:00:00Z',
    updated_at: '2026-11-30T10:00:00Z',
    ...over,
  };
}
