import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import type { AuditEvent, AuditFilters } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Select, TextInput } from '../components/Field';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/Status';
import { auditChanges, compactValue, reportEventFacts } from '../lib/audit';
import { formatScore } from '../lib/format';
import { formatDate } from '../lib/format';
import { useUrlFilters } from '../lib/useUrlFilters';

const PAGE_SIZE = 50;
export const AUDIT_ACTIONS = [
  'invitation.created',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
  'member.joined',
  'organization.created',
  'organization.approved',
  'job_posting.created',
  'job_posting.updated',
  'interview.scheduled',
  'interview.cancelled',
  'report.reviewed',
  'report.reopened',
  'report.score_overridden',
  'question.created',
  'question.updated',
  'question.retired',
  'question.reactivated',
  'question.drafted',
  'question.approved',
  'question.rejected',
  'question_drafts.requested',
  'user.role_changed',
  'user.admin_created',
];
const TARGET_TYPES = ['invitation', 'interview', 'job_posting', 'organization', 'question', 'report', 'user'];
/** Report events are told in words (who reviewed, which score from what to what, why) instead of as fields. */
const REPORT_ACTIONS = ['report.reviewed', 'report.reopened', 'report.score_overridden'];

function targetPath(event: AuditEvent): string | null {
  const { target_type: type, target_id: id } = event;
  if (type === 'report') {
    // A report is read on its interview's page.
    const interviewId = event.after?.interview_id ?? event.before?.interview_id;
    return typeof interviewId === 'number' ? `/recruiter/interviews/${interviewId}` : null;
  }
  if (id === null) return null;
  if (type === 'question') return `/recruiter/questions/${id}`;
  if (type === 'interview') return `/recruiter/interviews/${id}`;
  if (type === 'job_posting') return `/recruiter/postings/${id}`;
  return null;
}

/** The audit trail, newest first: who did what to what, and what changed. */
export function AuditTrail() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, update] = useUrlFilters();
  const action = AUDIT_ACTIONS.includes(params.get('action') ?? '') ? (params.get('action') as string) : '';
  const targetType = TARGET_TYPES.includes(params.get('target_type') ?? '') ? (params.get('target_type') as string) : '';
  const targetIdText = params.get('target_id') ?? '';
  const targetId = Number(targetIdText) > 0 ? Math.floor(Number(targetIdText)) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters: AuditFilters = {
    action: action || undefined,
    target_type: targetType || undefined,
    target_id: targetId,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const events = useQuery({ queryKey: ['audit-events', filters], queryFn: () => api.listAuditEvents(filters), placeholderData: keepPreviousData });
  return (
    <>
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="muted">{user?.role === 'admin' ? t('audit.introAdmin') : t('audit.introOwner', { name: user?.organization?.name ?? '' })}</p>
      <section className="card" aria-labelledby="audit-title" data-testid="audit-trail">
        <div className="toolbar" role="search" aria-label={t('audit.filters')}>
          <Select label={t('audit.action')} name="action" value={action} onChange={(e) => update('action', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {AUDIT_ACTIONS.map((item) => (
              <option key={item} value={item}>
                {t(`audit.actions.${item}`, { defaultValue: item })}
              </option>
            ))}
          </Select>
          <Select label={t('audit.targetType')} name="target_type" value={targetType} onChange={(e) => update('target_type', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {TARGET_TYPES.map((item) => (
              <option key={item} value={item}>
                {t(`audit.targets.${item}`)}
              </option>
            ))}
          </Select>
          <TextInput
            label={t('audit.targetId')}
            name="target_id"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={targetIdText}
            onChange={(e) => update('target_id', e.target.value)}
          />
        </div>
        <QueryState query={events}>
          {(list) => (
            <>
              {list.length === 0 ? (
                <p className="muted">{t('audit.empty')}</p>
              ) : (
                <ol className="audit-list" data-testid="audit-list">
                  {list.map((event) => (
                    <AuditItem key={event.id} event={event} showOrganization={user?.role === 'admin'} />
                  ))}
                </ol>
              )}
              <Pager page={page} shown={list.length} pageSize={PAGE_SIZE} onPage={(next) => update('page', String(next))} />
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}

function AuditItem({ event, showOrganization }: { event: AuditEvent; showOrganization: boolean }) {
  const { t, i18n } = useTranslation();
  const reportEvent = REPORT_ACTIONS.includes(event.action);
  const changes = reportEvent ? [] : auditChanges(event.before, event.after);
  const created = event.before === null;
  const path = targetPath(event);
  const target = `${t(`audit.targets.${event.target_type}`, { defaultValue: event.target_type })}${event.target_id !== null ? ` #${event.target_id}` : ''}`;
  return (
    <li className="audit-item" data-testid="audit-row" data-action={event.action} data-target-type={event.target_type} data-target-id={event.target_id ?? ''}>
      <div className="audit-head">
        <strong>{t(`audit.actions.${event.action}`, { defaultValue: event.action })}</strong> <code className="muted small">{event.action}</code>
      </div>
      <p className="muted small break">
        <time dateTime={event.occurred_at}>{formatDate(event.occurred_at, i18n.language)}</time> ·{' '}
        {event.actor_username ? t('audit.by', { name: event.actor_username }) : t('audit.byPlatform')} · {path ? <Link to={path}>{target}</Link> : target}
        {showOrganization && event.organization_id !== null && <> · {t('audit.organization', { id: event.organization_id })}</>}
      </p>
      {reportEvent && <ReportEventSummary event={event} />}
      {changes.length > 0 && (
        <dl className="changes" aria-label={t('audit.changes')}>
          {changes.map((change) => (
            <div key={change.field} className="change">
              <dt>{change.field}</dt>
              <dd>
                {created ? (
                  <span className="after">{compactValue(change.after)}</span>
                ) : (
                  <>
                    <span className="sr-only">{t('audit.before')}: </span>
                    <del className="before">{compactValue(change.before)}</del>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only">, {t('audit.after')}: </span>
                    <ins className="after">{compactValue(change.after)}</ins>
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {(event.before !== null || event.after !== null) && (
        <details className="audit-json">
          <summary>{t('audit.full')}</summary>
          <div className="two-col">
            <div>
              <p className="small muted">{t('audit.before')}</p>
              <pre>{event.before === null ? '–' : JSON.stringify(event.before, null, 2)}</pre>
            </div>
            <div>
              <p className="small muted">{t('audit.after')}</p>
              <pre>{event.after === null ? '–' : JSON.stringify(event.after, null, 2)}</pre>
            </div>
          </div>
        </details>
      )}
    </li>
  );
}

/** A review or an override in words: "Overall score: AI 61.5 → 70 (was 65)", the reason, the note. */
function ReportEventSummary({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const facts = reportEventFacts(event.before, event.after);
  const scope = facts.scope
    ? facts.scope === 'question'
      ? t('review.questionNo', { id: facts.questionId ?? '–' })
      : t(`review.scopes.${facts.scope}`, { defaultValue: facts.scope })
    : null;
  return (
    <div className="changes report-event" data-testid="report-event">
      {event.action === 'report.score_overridden' && (
        <p data-testid="override-summary">
          <strong>{scope ?? '–'}</strong>
          {': '}
          {t('review.aiShort', { score: formatScore(facts.aiScore) })}
          <span aria-hidden="true"> → </span>
          <span className="sr-only">, {t('review.history.newScore')}: </span>
          <ins className="after">{formatScore(facts.score)}</ins>
          {facts.previousScore !== null && facts.previousScore !== facts.aiScore && (
            <span className="muted small"> {t('review.history.previous', { score: formatScore(facts.previousScore) })}</span>
          )}
        </p>
      )}
      {facts.reason && (
        <p className="break">
          <strong>{t('review.history.reason')}:</strong> {facts.reason}
        </p>
      )}
      {facts.note && (
        <p className="break">
          <strong>{t('review.note')}:</strong> {facts.note}
        </p>
      )}
    </div>
  );
}
