import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { CATEGORIES, DIFFICULTIES, type BankQuestionInput, type Category, type Difficulty, type Language } from '../../api/types';
import { Field, Select, TextArea, TextInput } from '../../components/Field';
import { ErrorMessage } from '../../components/Status';
import { emptyCriterion, inputFromDraft, LIMITS, validateDraft, weightShares, type CriterionDraft, type QuestionDraft } from '../../lib/rubric';

/** The API's 422 locations for the rubric ("rubric_json.criteria.0.weight") are checked in the browser first. */
function serverError(error: unknown, t: (key: string) => string): string | null {
  if (!error) return null;
  // A 409 with a drafting code is not a duplicate: ErrorMessage says what it is.
  if (error instanceof ApiError && error.status === 409 && error.code !== 'draft_not_approved') return t('questionsBank.duplicate');
  return null;
}

export function QuestionForm({
  initial,
  submitLabel,
  busyLabel,
  busy,
  error,
  onSubmit,
  activeEditable = true,
}: {
  initial: QuestionDraft;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: BankQuestionInput) => void;
  /** false for a drafted or rejected question: only approving it makes it active. */
  activeEditable?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<QuestionDraft>(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const errors = showErrors ? validateDraft(draft) : {};
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const message = (key: string | undefined) => (key ? t(`questionsBank.errors.${key}`) : undefined);
  const shares = weightShares(draft.criteria);
  const duplicate = serverError(error, t);

  function set<K extends keyof QuestionDraft>(key: K, value: QuestionDraft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }
  function setCriterion(index: number, change: Partial<CriterionDraft>) {
    setDraft((current) => ({
      ...current,
      criteria: current.criteria.map((criterion, i) => (i === index ? { ...criterion, ...change } : criterion)),
    }));
  }
  function addCriterion() {
    const row = emptyCriterion();
    setFocusKey(row.key);
    setDraft((current) => ({ ...current, criteria: [...current.criteria, row] }));
  }
  function removeCriterion(index: number) {
    setDraft((current) => ({ ...current, criteria: current.criteria.filter((_, i) => i !== index) }));
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = validateDraft(draft);
    setShowErrors(true);
    if (Object.keys(problems).length > 0) {
      // Focus the first field with a problem so keyboard and screen reader users land on it.
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onSubmit(inputFromDraft(draft));
  }

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate data-testid="question-form">
      <TextArea
        label={t('questionsBank.content')}
        hint={t('questionsBank.contentHint')}
        name="content"
        rows={3}
        maxLength={LIMITS.content}
        required
        value={draft.content}
        onChange={(e) => set('content', e.target.value)}
        error={message(errors.content) ?? fieldErrors.content ?? (duplicate ?? undefined)}
      />
      <div className="toolbar">
        <Select label={t('questionsBank.category')} name="category" value={draft.category} onChange={(e) => set('category', e.target.value as Category)}>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </Select>
        <Select label={t('questionsBank.difficulty')} name="difficulty" value={draft.difficulty} onChange={(e) => set('difficulty', e.target.value as Difficulty)}>
          {DIFFICULTIES.map((difficulty) => (
            <option key={difficulty} value={difficulty}>
              {t(`difficulties.${difficulty}`)}
            </option>
          ))}
        </Select>
        <Select label={t('questionsBank.language')} name="language" value={draft.language} onChange={(e) => set('language', e.target.value as Language)}>
          <option value="ko">{t('languages.ko')}</option>
          <option value="en">{t('languages.en')}</option>
        </Select>
        <TextInput
          label={
            <>
              {t('questionsBank.position')} <span className="muted">{t('common.optional')}</span>
            </>
          }
          hint={t('questionsBank.positionHint')}
          name="position"
          maxLength={LIMITS.position}
          value={draft.position}
          onChange={(e) => set('position', e.target.value)}
          error={message(errors.position) ?? fieldErrors.position}
        />
      </div>
      {activeEditable && (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name="is_active" checked={draft.isActive} onChange={(e) => set('isActive', e.target.checked)} />{' '}
            {t('questionsBank.isActive')}
          </label>
        </div>
      )}

      <fieldset className="rubric" aria-describedby="rubric-hint" data-testid="rubric-editor">
        <legend>{t('questionsBank.rubric')}</legend>
        <p id="rubric-hint" className="hint small">
          {t('questionsBank.rubricHint')}
        </p>
        {errors.criteria && (
          <p className="field-error" role="alert">
            {message(errors.criteria)}
          </p>
        )}
        <ol className="criteria-list">
          {draft.criteria.map((criterion, index) => {
            const n = index + 1;
            const share = shares[index];
            return (
              <li key={criterion.key}>
                <fieldset className="criterion" data-testid="criterion">
                  <legend>{t('questionsBank.criterion', { n })}</legend>
                  <div className="criterion-grid">
                    <TextInput
                      label={t('questionsBank.criterionName')}
                      name={`criteria.${index}.name`}
                      maxLength={LIMITS.criterionName}
                      required
                      autoFocus={criterion.key === focusKey}
                      value={criterion.name}
                      onChange={(e) => setCriterion(index, { name: e.target.value })}
                      error={message(errors[`criteria.${index}.name`])}
                    />
                    <TextInput
                      label={t('questionsBank.weight')}
                      hint={share === null ? t('questionsBank.weightHintInvalid') : t('questionsBank.weightHint', { share: Math.round(share) })}
                      name={`criteria.${index}.weight`}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={LIMITS.weightMax}
                      step="any"
                      required
                      value={criterion.weight}
                      onChange={(e) => setCriterion(index, { weight: e.target.value })}
                      error={message(errors[`criteria.${index}.weight`])}
                    />
                  </div>
                  <TextInput
                    label={t('questionsBank.criterionDescription')}
                    name={`criteria.${index}.description`}
                    maxLength={LIMITS.criterionDescription}
                    value={criterion.description}
                    onChange={(e) => setCriterion(index, { description: e.target.value })}
                    error={message(errors[`criteria.${index}.description`])}
                  />
                  <TextInput
                    label={t('questionsBank.keywords')}
                    hint={t('questionsBank.keywordsHint')}
                    name={`criteria.${index}.keywords`}
                    value={criterion.keywords}
                    onChange={(e) => setCriterion(index, { keywords: e.target.value })}
                    error={message(errors[`criteria.${index}.keywords`])}
                  />
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => removeCriterion(index)}
                    disabled={draft.criteria.length <= 1}
                  >
                    {t('questionsBank.removeCriterion', { n })}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button type="button" className="btn btn-small" onClick={addCriterion} disabled={draft.criteria.length >= LIMITS.criteria}>
          + {t('questionsBank.addCriterion')}
        </button>
        <Field label={t('questionsBank.expectedPoints')} hint={t('questionsBank.expectedPointsHint')} error={message(errors.expected_points)}>
          {(wiring) => (
            <textarea
              {...wiring}
              name="expected_points"
              rows={4}
              value={draft.expectedPoints}
              onChange={(e) => set('expectedPoints', e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      {hasErrors && (
        <p className="field-error" role="alert">
          {t('questionsBank.fixErrors')}
        </p>
      )}
      {error !== null && error !== undefined && !duplicate && <ErrorMessage error={error} />}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
