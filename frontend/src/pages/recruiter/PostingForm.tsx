import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { JobPosting, Language } from '../../api/types';
import { Select, Switch, TextArea, TextInput } from '../../components/Field';
import { ErrorMessage } from '../../components/Status';

export interface PostingValues {
  title: string;
  position: string;
  description: string;
  language: Language;
  ai_scoring: boolean;
  candidates_see_scores: boolean;
}

export function PostingForm({
  initial,
  submitLabel,
  busyLabel,
  busy,
  error,
  onSubmit,
}: {
  initial?: JobPosting;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: PostingValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<PostingValues>({
    title: initial?.title ?? '',
    position: initial?.position ?? '',
    description: initial?.description ?? '',
    language: initial?.language ?? (i18n.language === 'ko' ? 'ko' : 'en'),
    ai_scoring: initial?.ai_scoring ?? true,
    candidates_see_scores: initial?.candidates_see_scores ?? false,
  });
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({ ...values, title: values.title.trim(), position: values.position.trim() });
  }
  return (
    <form onSubmit={submit} data-testid="posting-form">
      <TextInput label={t('postings.titleLabel')} name="title" required maxLength={200} value={values.title} onChange={(e) => setValues({ ...values, title: e.target.value })} error={fieldErrors.title} />
      <TextInput label={t('postings.positionLabel')} name="position" required maxLength={100} value={values.position} onChange={(e) => setValues({ ...values, position: e.target.value })} error={fieldErrors.position} />
      <TextArea
        label={
          <>
            {t('postings.description')} <span className="muted">{t('common.optional')}</span>
          </>
        }
        name="description"
        rows={3}
        maxLength={20000}
        value={values.description}
        onChange={(e) => setValues({ ...values, description: e.target.value })}
        error={fieldErrors.description}
      />
      <Select label={t('postings.language')} name="language" value={values.language} onChange={(e) => setValues({ ...values, language: e.target.value as Language })}>
        <option value="ko">{t('languages.ko')}</option>
        <option value="en">{t('languages.en')}</option>
      </Select>
      <Switch
        name="ai_scoring"
        label={t('postings.aiScoring')}
        hint={t('postings.aiScoringHint')}
        checked={values.ai_scoring}
        onChange={(checked) => setValues({ ...values, ai_scoring: checked })}
        error={fieldErrors.ai_scoring}
      />
      <Switch
        name="candidates_see_scores"
        label={t('postings.candidatesSeeScores')}
        hint={t('postings.candidatesSeeScoresHint')}
        checked={values.candidates_see_scores}
        onChange={(checked) => setValues({ ...values, candidates_see_scores: checked })}
        error={fieldErrors.candidates_see_scores}
      />
      {error !== null && error !== undefined && <ErrorMessage error={error} />}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
