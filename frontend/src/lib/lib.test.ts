import { describe, expect, it } from 'vitest';
import type { Interview, Question, Transcript } from '../api/types';
import { detectLanguage } from '../i18n';
import { formatScore, localInputToIso } from './format';
import {
  answerLabels,
  answersByQuestion,
  candidateName,
  conversation,
  filterInterviews,
  firstUnanswered,
  questionThreads,
  sentimentSeries,
  sortInterviews,
} from './interviews';
import { draftKey, draftText, hasDrafts, loadDraft, removeAllDrafts, removeDraft, removeInterviewDrafts, roomInterviewId, saveDraft } from './drafts';
import { checkOverride, columnBest, humanReviewReason, humanReviewReasons, overrideInForce, questionLine, scoreLine, staffQuestions, uniqueEvidence } from './report';
import { reportEventFacts } from './audit';
import { override, overriddenReport, staffReport } from '../test/reports';
import { sentimentLevel } from './sentiment';

const interview = (over: Partial<Interview>): Interview => ({
  id: 1,
  candidate_id: 7,
  kind: 'practice',
  job_posting_id: null,
  job_posting_title: null,
  organization_id: null,
  deadline: null,
  retake: false,
  position: 'Backend Developer',
  language: 'en',
  status: 'completed',
  scheduled_time: null,
  start_time: null,
  end_time: null,
  overall_score: null,
  emotion_summary: null,
  created_at: '2026-01-01T00:00:00Z',
  consent_required: false,
  consented_at: null,
  notice_version: 'practice-1',
  answer_seconds: 180,
  follow_up_limit: 1,
  opens_at: null,
  voice_answers: false,
  candidate_username: '', // no name: the tests below give one
  candidate_full_name: null,
  stage: null,
  decision_reason: null,
  decided_by_username: null,
  decided_at: null,
  ...over,
});

const transcript = (over: Partial<Transcript>): Transcript => ({
  id: 1,
  interview_id: 1,
  speaker: 'User',
  text: 'text',
  timestamp: '2026-01-01T00:00:00Z',
  sentiment_score: null,
  emotion: null,
  question_id: null,
  order: 1,
  follow_up_state: null,
  follow_up_of: null,
  ...over,
});

const question = (id: number, order: number): Question => ({
  id,
  content: `question ${id}`,
  category: 'technical',
  difficulty: 'easy',
  position: null,
  language: 'en',
  version: 1,
  order,
  rubric_json: null,
});

describe('language detection', () => {
  it('prefers the saved choice, then Korean or English as the browser asks, else English', () => {
    expect(detectLanguage('en', ['ko-KR'])).toBe('en');
    expect(detectLanguage(null, ['ko-KR', 'en'])).toBe('ko');
    expect(detectLanguage(null, ['fr-FR', 'en-US', 'ko'])).toBe('en');
    expect(detectLanguage(null, ['fr-FR'])).toBe('en');
    expect(detectLanguage('xx', ['ko'])).toBe('ko');
  });
});

describe('sentiment levels', () => {
  it('maps -1..1 to negative, neutral and positive, and null to pending', () => {
    expect(sentimentLevel(null)).toBe('pending');
    expect(sentimentLevel(0.57)).toBe('positive');
    expect(sentimentLevel(0)).toBe('neutral');
    expect(sentimentLevel(-0.5)).toBe('negative');
  });
});

describe('formatting', () => {
  it('rounds scores to one decimal and shows a dash when there is none', () => {
    expect(formatScore(26.149)).toBe('26.1');
    expect(formatScore(null)).toBe('–');
  });
  it('turns a datetime-local value into ISO 8601 with a timezone', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('2030-05-04T10:30')).toMatch(/^2030-05-0\dT\d\d:30:00\.000Z$/);
  });
});

describe('interview lists', () => {
  const list = [
    interview({ id: 1, overall_score: 40, end_time: '2026-03-01T00:00:00Z', position: 'B' }),
    interview({ id: 2, overall_score: null, status: 'scheduled', scheduled_time: '2026-05-01T00:00:00Z', position: 'A' }),
    interview({ id: 3, overall_score: 80, end_time: '2026-02-01T00:00:00Z', position: 'C', candidate_id: 9 }),
  ];
  it('sorts by score with unscored interviews last in both directions', () => {
    expect(sortInterviews(list, 'score', 'desc').map((i) => i.id)).toEqual([3, 1, 2]);
    expect(sortInterviews(list, 'score', 'asc').map((i) => i.id)).toEqual([1, 3, 2]);
  });
  it('sorts by date and by position', () => {
    expect(sortInterviews(list, 'date', 'desc').map((i) => i.id)).toEqual([2, 1, 3]);
    expect(sortInterviews(list, 'position', 'asc').map((i) => i.id)).toEqual([2, 1, 3]);
  });
  it('filters by position text or candidate id', () => {
    expect(filterInterviews(list, 'c').map((i) => i.id)).toEqual([3]);
    expect(filterInterviews(list, '9').map((i) => i.id)).toEqual([3]);
    expect(filterInterviews(list, '  ')).toHaveLength(3);
  });
  it('names the candidate by full name, else username, and finds interviews by either', () => {
    const named = [
      interview({ id: 4, candidate_full_name: '김지원', candidate_username: 'jiwon' }),
      interview({ id: 5, candidate_full_name: null, candidate_username: 'sam.lee' }),
    ];
    expect(named.map(candidateName)).toEqual(['김지원', 'sam.lee']);
    expect(candidateName(interview({}))).toBeNull();
    expect(filterInterviews(named, '지원').map((i) => i.id)).toEqual([4]);
    expect(filterInterviews(named, 'SAM').map((i) => i.id)).toEqual([5]);
  });
});

describe('transcripts', () => {
  const transcripts = [
    transcript({ id: 1, speaker: 'AI', question_id: 10, order: 1, text: 'Q1' }),
    transcript({ id: 2, speaker: 'AI', question_id: 11, order: 2, text: 'Q2' }),
    transcript({ id: 3, speaker: 'User', question_id: 11, order: 3, text: 'A2', sentiment_score: -0.4 }),
    transcript({ id: 4, speaker: 'User', question_id: 10, order: 4, text: 'A1', sentiment_score: 0.6 }),
    transcript({ id: 5, speaker: 'User', question_id: 10, order: 5, text: 'A1 again', sentiment_score: null }),
  ];
  it('pairs each question with its answers although every question was stored first', () => {
    const turns = conversation(transcripts);
    expect(turns.map((turn) => [turn.question?.text, turn.answers.map((a) => a.text)])).toEqual([
      ['Q1', ['A1', 'A1 again']],
      ['Q2', ['A2']],
    ]);
  });
  it('finds the latest answer per question and the first unanswered one', () => {
    const answers = answersByQuestion(transcripts);
    expect(answers.get(10)?.text).toBe('A1 again');
    expect(firstUnanswered([question(11, 2), question(10, 1), question(12, 3)], answers)).toBe(2);
    expect(firstUnanswered([question(10, 1)], answers)).toBe(1);
  });
  it('charts only scored answers, in the order given', () => {
    expect(sentimentSeries(transcripts).map((p) => [p.x, p.y])).toEqual([
      [1, -0.4],
      [2, 0.6],
    ]);
  });
});

describe('follow-ups in the transcript', () => {
  // Q1 (10) skipped; Q2 (11) answered vaguely, followed up, answered again; Q3 (12) answered.
  const lines = [
    transcript({ id: 1, speaker: 'AI', question_id: 10, order: 1, text: 'Q1' }),
    transcript({ id: 2, speaker: 'AI', question_id: 11, order: 2, text: 'Q2' }),
    transcript({ id: 3, speaker: 'AI', question_id: 12, order: 3, text: 'Q3' }),
    transcript({ id: 4, speaker: 'User', question_id: 11, order: 4, text: 'A2', sentiment_score: 0.1, follow_up_state: 'asked' }),
    transcript({ id: 5, speaker: 'AI', question_id: 11, order: 5, text: 'F2', follow_up_of: 4 }),
    transcript({ id: 6, speaker: 'User', question_id: 11, order: 6, text: 'A2b', sentiment_score: 0.5, follow_up_state: 'none' }),
    transcript({ id: 7, speaker: 'User', question_id: 12, order: 7, text: 'A3', sentiment_score: -0.3, follow_up_state: 'pending' }),
  ];
  it('puts each follow-up after its question’s answer, with the answers to it', () => {
    expect(conversation(lines).map((turn) => [turn.question?.text, turn.answers.map((a) => a.text), turn.followUp ?? false])).toEqual([
      ['Q1', [], false],
      ['Q2', ['A2'], false],
      ['F2', ['A2b'], true],
      ['Q3', ['A3'], false],
    ]);
  });
  it('labels each answer by its question’s real number, and the follow-up’s answer as such', () => {
    expect([...answerLabels(lines)]).toEqual([
      [4, { question: 2, followUp: false }],
      [6, { question: 2, followUp: true }],
      [7, { question: 3, followUp: false }],
    ]);
    expect(sentimentSeries(lines).map((point) => [point.x, point.question, point.followUp])).toEqual([
      [1, 2, false],
      [2, 2, true],
      [3, 3, false],
    ]);
    // The questions' order wins over the transcript's when given.
    expect(answerLabels(lines, [question(12, 1), question(11, 2), question(10, 3)]).get(7)).toEqual({ question: 1, followUp: false });
  });
  it('tells where each question stands: to answer, waiting for the interviewer, a follow-up to answer, done', () => {
    const threads = questionThreads([question(12, 3), question(10, 1), question(11, 2)], lines);
    expect(threads.map((thread) => [thread.number, thread.step, thread.answered])).toEqual([
      [1, 'answer', false],
      [2, 'done', true],
      [3, 'waiting', true],
    ]);
    const open = questionThreads([question(11, 1)], lines.slice(0, 5))[0];
    expect(open.step).toBe('followUp');
    expect(open.openFollowUp?.text).toBe('F2');
    // Asked, but the follow-up's line not read yet: still waiting.
    const asked = questionThreads([question(11, 1)], lines.slice(0, 4))[0];
    expect(asked.step).toBe('waiting');
    // An older answer without a follow-up state is done.
    expect(questionThreads([question(12, 1)], [transcript({ id: 9, question_id: 12, order: 9 })])[0].step).toBe('done');
  });
});

describe('drafts', () => {
  it('are kept per interview and question, with what was heard, and removed when empty, saved or finished', () => {
    saveDraft(5, 31, { text: 'typed', partial: 'and heard' });
    saveDraft(5, 32, { text: 'another', partial: '' });
    saveDraft(6, 31, { text: 'other interview', partial: '' });
    expect(localStorage.getItem(draftKey(5, 31))).toContain('typed');
    expect(draftText(loadDraft(5, 31))).toBe('typed and heard');
    expect(hasDrafts(5)).toBe(true);
    saveDraft(5, 32, { text: '  ', partial: '' });
    expect(loadDraft(5, 32)).toBeNull();
    removeDraft(5, 31);
    expect(hasDrafts(5)).toBe(false);
    saveDraft(5, 33, { text: 'x', partial: '' });
    removeInterviewDrafts(5);
    expect(hasDrafts(5)).toBe(false);
    expect(loadDraft(6, 31)?.text).toBe('other interview');
    localStorage.setItem(draftKey(7, 1), 'not json');
    expect(loadDraft(7, 1)).toBeNull();
  });
  it('are all removed when the candidate signs out on purpose, and nothing else is', () => {
    saveDraft(8, 1, { text: 'one', partial: '' });
    saveDraft(9, 2, { text: 'two', partial: '' });
    localStorage.setItem('interview.mute', '1');
    removeAllDrafts();
    expect(hasDrafts(8) || hasDrafts(9)).toBe(false);
    expect(localStorage.getItem('interview.mute')).toBe('1');
  });
  it('knows the room a sign-in returns to', () => {
    expect(roomInterviewId('/interviews/12/room')).toBe(12);
    expect(roomInterviewId('/interviews/12/report')).toBeNull();
    expect(roomInterviewId(null)).toBeNull();
  });
});

describe('reports', () => {
  it('drops repeated evidence quotes', () => {
    const quote = { transcript_id: 6, quote: 'same' };
    expect(uniqueEvidence([quote, { ...quote }, { transcript_id: 7, quote: 'other' }, { transcript_id: 8, quote: '' }])).toHaveLength(2);
    expect(uniqueEvidence(undefined)).toEqual([]);
  });
  it('takes the latest override of a scope (and question) as the one in force', () => {
    const list = [
      override({ id: 1, score: 50 }),
      override({ id: 2, scope: 'question', question_id: 31, score: 80 }),
      override({ id: 3, score: 75 }),
      override({ id: 4, scope: 'question', question_id: 32, score: 10 }),
    ];
    expect(overrideInForce(list, 'overall')?.id).toBe(3);
    expect(overrideInForce(list, 'question', 31)?.id).toBe(2);
    expect(overrideInForce(list, 'technical')).toBeNull();
    expect(overrideInForce(undefined, 'overall')).toBeNull();
  });
  it('puts the final score first and says when it is not the AI’s', () => {
    const overall = scoreLine(overriddenReport(), 'overall');
    expect(overall).toMatchObject({ ai: 61.5, final: 70, changed: true });
    expect(overall.override?.reason).toContain('stronger');
    expect(scoreLine(overriddenReport(), 'technical')).toMatchObject({ ai: 60, final: 60, changed: false, override: null });
    // Recomputed from an overridden question: changed without an override of its own.
    const recomputed = staffReport({ final_scores: { ...staffReport().final_scores, technical: 72 } });
    expect(scoreLine(recomputed, 'technical')).toMatchObject({ ai: 60, final: 72, changed: true, override: null });
    const question = questionLine(
      staffReport({ final_scores: { ...staffReport().final_scores, questions: [{ question_id: 31, ai_score: 55, score: 60, overridden: true }] } }),
      { question_id: 31, answered: true, score: 55 },
    );
    expect(question).toMatchObject({ scope: 'question', questionId: 31, ai: 55, final: 60, changed: true });
  });
  it('lists the questions asked when AI scoring is off, even those the report does not name', () => {
    const human = staffReport({ scoring: 'human', details_json: {}, final_scores: { technical: null, communication: null, cultural_fit: null, overall: null, questions: [{ question_id: 32, ai_score: null, score: 40, overridden: true }] } });
    const rows = staffQuestions(human, [
      { id: 31, content: 'What is an index?', category: 'technical', order: 1 },
      { id: 32, content: 'Why us?', category: 'cultural_fit', order: 2 },
    ]);
    expect(rows.map((row) => [row.question_id, row.question])).toEqual([
      [31, 'What is an index?'],
      [32, 'Why us?'],
    ]);
    expect(staffQuestions(staffReport()).map((row) => row.question_id)).toEqual([31, 32]);
  });
  it('knows the reasons a report needs a human review, else leaves the words as given', () => {
    expect(humanReviewReason('written by the offline evaluator, without a language model')).toBe('offline');
    expect(humanReviewReason('the language model failed (timeout): written by the offline evaluator as a fallback')).toBe('fallback');
    expect(humanReviewReason('human scoring: AI scoring off for this posting')).toBe('scoringOff');
    expect(humanReviewReason('AI scoring is off for this posting')).toBe('scoringOff');
    expect(humanReviewReason('something else')).toBeNull();
    expect(humanReviewReason(null)).toBeNull();
    expect(humanReviewReasons('written by the offline evaluator, without a language model; the answers contain text addressed to the scorer')).toEqual([
      { key: 'offline', text: 'written by the offline evaluator, without a language model', detail: null },
      { key: 'scorerText', text: 'the answers contain text addressed to the scorer', detail: null },
    ]);
    expect(humanReviewReasons('written by the offline evaluator because the language model failed: timeout after 30 s')).toEqual([
      { key: 'fallback', text: 'written by the offline evaluator because the language model failed: timeout after 30 s', detail: 'timeout after 30 s' },
    ]);
    expect(humanReviewReasons('AI scoring is off for this posting: people score the answers with the rubric')[0].key).toBe('scoringOff');
    expect(humanReviewReasons('')).toEqual([]);
  });
  it('checks an override before sending it: a score of 0 to 100 and a reason of 3 to 2000 characters', () => {
    expect(checkOverride({ score: '', reason: '' })).toEqual({ score: 'score', reason: 'reasonShort' });
    expect(checkOverride({ score: '101', reason: 'ok' })).toEqual({ score: 'score', reason: 'reasonShort' });
    expect(checkOverride({ score: '-1', reason: 'fine' })).toEqual({ score: 'score' });
    expect(checkOverride({ score: 'abc', reason: 'x'.repeat(2001) })).toEqual({ score: 'score', reason: 'reasonLong' });
    expect(checkOverride({ score: '0', reason: '  ok  ' })).toEqual({ reason: 'reasonShort' });
    expect(checkOverride({ score: '72.5', reason: 'Better than scored' })).toEqual({});
  });
  it('reads what a report event recorded', () => {
    expect(reportEventFacts(null, { scope: 'question', question_id: 31, ai_score: 55, previous_score: 58, score: 60, reason: 'Missed the example' })).toEqual({
      scope: 'question', questionId: 31, aiScore: 55, previousScore: 58, score: 60, reason: 'Missed the example', state: null, note: null,
    });
    expect(reportEventFacts({ state: 'pending_review' }, { state: 'reviewed', note: 'Checked against the transcript' })).toMatchObject({ state: 'reviewed', note: 'Checked against the transcript', score: null });
  });
  it('finds the best value of each column when comparing candidates', () => {
    const rows = [
      { interviewId: 1, candidateId: 1, technical: 10, communication: null, culturalFit: 5, overall: 30 },
      { interviewId: 2, candidateId: 2, technical: 20, communication: null, culturalFit: 1, overall: 25 },
    ];
    expect(columnBest(rows)).toEqual({ technical: 20, communication: null, culturalFit: 5, overall: 30 });
  });
});
