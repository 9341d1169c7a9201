import { describe, expect, it } from 'vitest';
import type { BankQuestion } from '../api/types';
import { draftFromQuestion, emptyCriterion, emptyDraft, inputFromDraft, splitKeywords, validateDraft, weightShares, type QuestionDraft } from './rubric';

const draft = (over: Partial<QuestionDraft> = {}): QuestionDraft => ({
  ...emptyDraft('en'),
  content: 'How do you design an index?',
  criteria: [{ ...emptyCriterion(), name: 'indexing', weight: '0.6', keywords: 'b-tree, composite' }],
  ...over,
});

describe('rubric editor validation', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(draft())).toEqual({});
  });
  it('asks for the question, a criterion name and a positive weight of at most 100', () => {
    const errors = validateDraft(
      draft({
        content: '   ',
        criteria: [
          { ...emptyCriterion(), name: '', weight: '1' },
          { ...emptyCriterion(), name: 'x', weight: '0' },
          { ...emptyCriterion(), name: 'y', weight: 'abc' },
          { ...emptyCriterion(), name: 'z', weight: '101' },
          { ...emptyCriterion(), name: 'w', weight: '' },
        ],
      }),
    );
    expect(errors).toEqual({
      content: 'contentRequired',
      'criteria.0.name': 'nameRequired',
      'criteria.1.weight': 'weightInvalid',
      'criteria.2.weight': 'weightInvalid',
      'criteria.3.weight': 'weightInvalid',
      'criteria.4.weight': 'weightInvalid',
    });
  });
  it('needs at least one criterion, at most 20, with different names', () => {
    expect(validateDraft(draft({ criteria: [] })).criteria).toBe('criteriaRequired');
    const many = Array.from({ length: 21 }, (_, i) => ({ ...emptyCriterion(), name: `c${i}` }));
    expect(validateDraft(draft({ criteria: many })).criteria).toBe('criteriaTooMany');
    const twins = [{ ...emptyCriterion(), name: 'Depth' }, { ...emptyCriterion(), name: ' depth ' }];
    expect(validateDraft(draft({ criteria: twins }))).toEqual({ 'criteria.1.name': 'nameDuplicate' });
  });
  it('checks the lengths the API enforces', () => {
    const errors = validateDraft(
      draft({
        content: 'x'.repeat(2001),
        position: 'p'.repeat(101),
        criteria: [{ ...emptyCriterion(), name: 'n'.repeat(101), description: 'd'.repeat(1001), keywords: Array.from({ length: 51 }, (_, i) => `k${i}`).join(',') }],
        expectedPoints: Array.from({ length: 31 }, (_, i) => `point ${i}`).join('\n'),
      }),
    );
    expect(errors).toEqual({
      content: 'contentTooLong',
      position: 'positionTooLong',
      'criteria.0.name': 'nameTooLong',
      'criteria.0.description': 'descriptionTooLong',
      'criteria.0.keywords': 'keywordsTooMany',
      expected_points: 'pointsTooMany',
    });
  });
});

describe('rubric editor values', () => {
  it('splits keywords on commas (also Korean ones), trims and drops repeats', () => {
    expect(splitKeywords(' FastAPI, sql,, SQL ，인덱스、 캐시\ncache ')).toEqual(['FastAPI', 'sql', '인덱스', '캐시', 'cache']);
  });
  it('shows each weight as its share of the total', () => {
    const shares = weightShares([
      { ...emptyCriterion(), weight: '3' },
      { ...emptyCriterion(), weight: '1' },
      { ...emptyCriterion(), weight: '-1' },
    ]);
    expect(shares).toEqual([75, 25, null]);
  });
  it('builds the request body: trimmed text, numbers, lists, no position as null', () => {
    const body = inputFromDraft(
      draft({
        content: '  Explain MVCC.  ',
        position: '  ',
        criteria: [{ ...emptyCriterion(), name: ' mvcc ', description: ' snapshots ', weight: '0,5', keywords: 'snapshot, xmin' }],
        expectedPoints: 'readers do not block writers\n\n  vacuum  \n',
      }),
    );
    expect(body).toEqual({
      content: 'Explain MVCC.',
      category: 'technical',
      difficulty: 'medium',
      position: null,
      language: 'en',
      is_active: true,
      rubric_json: {
        criteria: [{ name: 'mvcc', description: 'snapshots', weight: 0.5, keywords: ['snapshot', 'xmin'] }],
        expected_points: ['readers do not block writers', 'vacuum'],
      },
    });
  });
  it('reads a question of the bank back into the form', () => {
    const question: BankQuestion = {
      id: 3, organization_id: 4, owner: 'organization', version: 2, content: 'Q', category: 'behavioral', difficulty: 'hard', position: 'Backend Developer', language: 'ko',
      rubric_json: { criteria: [{ name: 'star', description: 'situation', weight: 0.4, keywords: ['상황', '결과'] }], expected_points: ['a', 'b'] },
      usage_count: 2, avg_score: 71.25, is_active: false, status: 'approved', job_posting_id: null, generated_by: null,
    };
    const back = draftFromQuestion(question);
    expect(back).toMatchObject({ content: 'Q', category: 'behavioral', difficulty: 'hard', position: 'Backend Developer', language: 'ko', isActive: false, expectedPoints: 'a\nb' });
    expect(back.criteria).toMatchObject([{ name: 'star', description: 'situation', weight: '0.4', keywords: '상황, 결과' }]);
    expect(inputFromDraft(back).rubric_json).toEqual(question.rubric_json);
  });
});
