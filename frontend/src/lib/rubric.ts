import type { BankQuestion, BankQuestionInput, Category, Difficulty, Language, Rubric } from '../api/types';

// The limits the API enforces (see CreateQuestionRequest in /openapi.json), checked before sending.
export const LIMITS = {
  content: 2000,
  position: 100,
  criteria: 20,
  criterionName: 100,
  criterionDescription: 1000,
  weightMax: 100,
  keywords: 50,
  keyword: 100,
  expectedPoints: 30,
  expectedPoint: 500,
} as const;

let nextKey = 0;
/** A stable key for a criterion row (React list keys, focus after adding). */
export const newRowKey = () => `row-${(nextKey += 1)}`;

/** A criterion as typed in the form: every field is text until it is sent. */
export interface CriterionDraft {
  key: string;
  name: string;
  description: string;
  weight: string;
  keywords: string;
}

export interface QuestionDraft {
  content: string;
  category: Category;
  difficulty: Difficulty;
  language: Language;
  position: string;
  isActive: boolean;
  criteria: CriterionDraft[];
  /** One expected point per line. */
  expectedPoints: string;
}

export const emptyCriterion = (): CriterionDraft => ({ key: newRowKey(), name: '', description: '', weight: '1', keywords: '' });

export function emptyDraft(language: Language): QuestionDraft {
  return {
    content: '',
    category: 'technical',
    difficulty: 'medium',
    language,
    position: '',
    isActive: true,
    criteria: [emptyCriterion()],
    expectedPoints: '',
  };
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

/** The form's draft of a question from the bank (a rubric of another shape is read as far as it goes). */
export function draftFromQuestion(question: BankQuestion): QuestionDraft {
  const rubric = question.rubric_json ?? {};
  const criteria = Array.isArray(rubric.criteria) ? rubric.criteria : [];
  const points = Array.isArray(rubric.expected_points) ? rubric.expected_points : [];
  return {
    content: question.content,
    category: question.category,
    difficulty: question.difficulty,
    language: question.language,
    position: question.position ?? '',
    isActive: question.is_active,
    criteria: criteria.length
      ? criteria.map((criterion) => ({
          key: newRowKey(),
          name: asText(criterion?.name),
          description: asText(criterion?.description),
          weight: criterion?.weight === undefined || criterion?.weight === null ? '1' : asText(criterion.weight),
          keywords: Array.isArray(criterion?.keywords) ? criterion.keywords.map(asText).join(', ') : '',
        }))
      : [emptyCriterion()],
    expectedPoints: points.map(asText).join('\n'),
  };
}

/** "a, b,,c" → ["a", "b", "c"] (commas, also the full-width and ideographic ones, or new lines). */
export function splitKeywords(text: string): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const part of text.split(/[,，、\n]/)) {
    const keyword = part.trim();
    if (keyword && !seen.has(keyword.toLowerCase())) {
      seen.add(keyword.toLowerCase());
      keywords.push(keyword);
    }
  }
  return keywords;
}

export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function parseWeight(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** Each criterion's share of the total weight, in percent (null where a weight is not valid). */
export function weightShares(criteria: CriterionDraft[]): (number | null)[] {
  const weights = criteria.map((criterion) => parseWeight(criterion.weight));
  const valid = (weight: number) => Number.isFinite(weight) && weight > 0 && weight <= LIMITS.weightMax;
  const total = weights.filter(valid).reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => (valid(weight) && total > 0 ? (weight / total) * 100 : null));
}

/**
 * Problems with a draft, keyed by field (`content`, `position`, `criteria`, `criteria.0.name`,
 * `criteria.0.weight`, `criteria.0.description`, `criteria.0.keywords`, `expected_points`); the
 * values are i18n keys under `questionsBank.errors`. Empty when the draft can be sent.
 */
export function validateDraft(draft: QuestionDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const content = draft.content.trim();
  if (!content) errors.content = 'contentRequired';
  else if (content.length > LIMITS.content) errors.content = 'contentTooLong';
  if (draft.position.trim().length > LIMITS.position) errors.position = 'positionTooLong';

  if (draft.criteria.length === 0) errors.criteria = 'criteriaRequired';
  else if (draft.criteria.length > LIMITS.criteria) errors.criteria = 'criteriaTooMany';
  const names = new Map<string, number>();
  draft.criteria.forEach((criterion, index) => {
    const name = criterion.name.trim();
    if (!name) errors[`criteria.${index}.name`] = 'nameRequired';
    else if (name.length > LIMITS.criterionName) errors[`criteria.${index}.name`] = 'nameTooLong';
    else if (names.has(name.toLowerCase())) errors[`criteria.${index}.name`] = 'nameDuplicate';
    else names.set(name.toLowerCase(), index);
    const weight = parseWeight(criterion.weight);
    if (!Number.isFinite(weight) || weight <= 0 || weight > LIMITS.weightMax) errors[`criteria.${index}.weight`] = 'weightInvalid';
    if (criterion.description.trim().length > LIMITS.criterionDescription) errors[`criteria.${index}.description`] = 'descriptionTooLong';
    const keywords = splitKeywords(criterion.keywords);
    if (keywords.length > LIMITS.keywords) errors[`criteria.${index}.keywords`] = 'keywordsTooMany';
    else if (keywords.some((keyword) => keyword.length > LIMITS.keyword)) errors[`criteria.${index}.keywords`] = 'keywordTooLong';
  });

  const points = splitLines(draft.expectedPoints);
  if (points.length > LIMITS.expectedPoints) errors.expected_points = 'pointsTooMany';
  else if (points.some((point) => point.length > LIMITS.expectedPoint)) errors.expected_points = 'pointTooLong';
  return errors;
}

export function rubricFromDraft(draft: QuestionDraft): Rubric {
  return {
    criteria: draft.criteria.map((criterion) => ({
      name: criterion.name.trim(),
      description: criterion.description.trim(),
      weight: parseWeight(criterion.weight),
      keywords: splitKeywords(criterion.keywords),
    })),
    expected_points: splitLines(draft.expectedPoints),
  };
}

/** The request body for POST /questions (and PATCH, which takes the same fields). */
export function inputFromDraft(draft: QuestionDraft): BankQuestionInput {
  return {
    content: draft.content.trim(),
    category: draft.category,
    difficulty: draft.difficulty,
    position: draft.position.trim() || null,
    language: draft.language,
    rubric_json: rubricFromDraft(draft),
    is_active: draft.isActive,
  };
}
