import { useTranslation } from 'react-i18next';

/** A rubric as text: each criterion with its weight, description and keywords, then the expected points. */
export function RubricSummary({ criteria, points }: { criteria: { name?: string; description?: string; weight?: number; keywords?: string[] }[]; points: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {criteria.length > 0 && (
        <ul className="rubric-summary">
          {criteria.map((criterion, index) => (
            <li key={`${criterion?.name}-${index}`}>
              <strong>{criterion?.name}</strong> <span className="muted small">({t('questionsBank.weight')} {criterion?.weight ?? 1})</span>
              {criterion?.description && <> – {criterion.description}</>}
              {Array.isArray(criterion?.keywords) && criterion.keywords.length > 0 && (
                <div className="muted small">
                  {t('questionsBank.keywords')}: {criterion.keywords.join(', ')}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {points.length > 0 && (
        <>
          <p className="small">
            <strong>{t('questionsBank.expectedPoints')}</strong>
          </p>
          <ul className="small">
            {points.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
