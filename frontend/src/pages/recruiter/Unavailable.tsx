import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Status';

export function QuestionBank() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="qb-title" data-testid="question-bank">
      <h1 id="qb-title">{t('questionsBank.title')}</h1>
      <Notice tone="warning">
        <strong>{t('common.notAvailable')}.</strong> {t('questionsBank.unavailable')}
      </Notice>
    </section>
  );
}

export function AdminUsers() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="admin-title" data-testid="admin-users">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <Notice tone="warning">
        <strong>{t('common.notAvailable')}.</strong> {t('admin.unavailable')}
      </Notice>
    </section>
  );
}
