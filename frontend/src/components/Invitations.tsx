import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import type { Invitation, InvitationBatch, Language } from '../api/types';
import { formatDate } from '../lib/format';
import { invitationActions, isSending, MAX_EMAILS, parseEmails, skippedReasonKey } from '../lib/invitations';
import { Field, Select } from './Field';
import { ErrorMessage, errorMessage, Notice } from './Status';

export function InvitationStatusBadge({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const sending = isSending(invitation);
  return (
    <span className={`badge badge-invitation-${sending ? 'sending' : invitation.status}`} data-testid="invitation-status" data-status={invitation.status}>
      {sending ? t('invitations.status.sending') : t(`invitations.status.${invitation.status}`)}
    </span>
  );
}

/** The skipped reason in the user's language when it is one the API is known to give, else its own words. */
export function SkippedReason({ reason }: { reason: string }) {
  const { t } = useTranslation();
  const key = skippedReasonKey(reason);
  return <>{key ? t(`invitations.reasons.${key}`) : reason}</>;
}

/** What a batch of invitations did: how many went out, and each address skipped with why. */
export function InvitationResult({ batch }: { batch: InvitationBatch }) {
  const { t } = useTranslation();
  return (
    <div data-testid="invitation-result" aria-live="polite">
      {batch.invitations.length > 0 && (
        <Notice tone="success">
          <span>
            {t('invitations.sentCount', { count: batch.invitations.length })} {t('invitations.sentHint')}
          </span>
        </Notice>
      )}
      {batch.skipped.length > 0 && (
        <div className="alert alert-warning skipped" data-testid="skipped">
          <strong>{t('invitations.skippedTitle', { count: batch.skipped.length })}</strong>
          <ul>
            {batch.skipped.map((item) => (
              <li key={item.email} data-testid="skipped-item">
                <span className="email">{item.email}</span>: <SkippedReason reason={item.reason} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function InvitationItem({ invitation, canManage, interviewLink }: { invitation: Invitation; canManage: boolean; interviewLink: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<'revoked' | 'resent' | null>(null);
  const action = useMutation({
    mutationFn: (which: 'revoke' | 'resend') => (which === 'revoke' ? api.revokeInvitation(invitation.id) : api.resendInvitation(invitation.id)),
    onSuccess: (_updated, which) => {
      setDone(which === 'revoke' ? 'revoked' : 'resent');
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const allowed = invitationActions(invitation);
  const date = (iso: string | null) => formatDate(iso, i18n.language);
  const sending = isSending(invitation);
  return (
    <li className="item invitation-item" data-testid="invitation-row" data-id={invitation.id} data-email={invitation.email} data-status={invitation.status}>
      <div className="invitation-main">
        <p className="invitation-email">
          <strong>{invitation.email}</strong> <InvitationStatusBadge invitation={invitation} />{' '}
          {invitation.retake && <span className="badge badge-neutral">{t('invitations.retake')}</span>}
        </p>
        <p className="muted small">
          {invitation.status === 'accepted'
            ? t('invitations.acceptedAt', { date: date(invitation.accepted_at) })
            : invitation.status === 'revoked'
              ? t('invitations.revokedAt', { date: date(invitation.revoked_at) })
              : sending
                ? t('invitations.onItsWay')
                : t('invitations.sentAt', { date: date(invitation.sent_at), count: invitation.send_count })}
          {invitation.deadline && <> · {t('invitations.deadlineAt', { date: date(invitation.deadline) })}</>}
          {invitation.status === 'pending' && <> · {t('invitations.expiresAt', { date: date(invitation.expires_at) })}</>}
          {' · '}
          {t('invitations.invitedBy', { name: invitation.invited_by_username, date: date(invitation.created_at) })}
        </p>
        {interviewLink && invitation.interview_id !== null && (
          <p className="small">
            <Link to={`/recruiter/interviews/${invitation.interview_id}`}>{t('invitations.openInterview', { id: invitation.interview_id })}</Link>
          </p>
        )}
        {action.isError && (
          <p className="field-error small" role="alert">
            {errorMessage(action.error, t)}
          </p>
        )}
        {done && !action.isPending && !action.isError && (
          <p className="small success-text" role="status">
            {done === 'revoked' ? t('invitations.revokedNotice') : t('invitations.resentNotice')}
          </p>
        )}
      </div>
      {canManage && (allowed.revoke || allowed.resend) && (
        <div className="button-row">
          {allowed.resend && (
            <button
              type="button"
              className="btn btn-small"
              disabled={action.isPending}
              aria-label={t('invitations.resendTo', { email: invitation.email })}
              onClick={() => action.mutate('resend')}
            >
              {t('invitations.resend')}
            </button>
          )}
          {allowed.revoke && (
            <button
              type="button"
              className="btn btn-small btn-danger"
              disabled={action.isPending}
              aria-label={t('invitations.revokeFor', { email: invitation.email })}
              onClick={() => action.mutate('revoke')}
            >
              {t('invitations.revoke')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Invitations with their state (on its way, sent, accepted, revoked, expired), revoke and resend. */
export function InvitationList({
  invitations,
  canManage,
  interviewLink = false,
}: {
  invitations: Invitation[];
  canManage: boolean;
  interviewLink?: boolean;
}) {
  const { t } = useTranslation();
  if (invitations.length === 0) return <p className="muted">{t('invitations.empty')}</p>;
  return (
    <ul className="item-list" data-testid="invitation-list">
      {invitations.map((invitation) => (
        <InvitationItem key={invitation.id} invitation={invitation} canManage={canManage} interviewLink={interviewLink} />
      ))}
    </ul>
  );
}

/** Poll an invitation list while an e-mail is on its way, so "sending" turns into "sent". */
export function invitationsRefetchInterval(query: { state: { data?: Invitation[] } }): number | false {
  return query.state.data?.some(isSending) ? 1500 : false;
}

/** The addresses to invite: typed or pasted, checked in the browser (format, at most 100) before sending. */
export function EmailsField({
  value,
  onChange,
  error,
  label,
  hint,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label: string;
  hint: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(wiring) => (
        <textarea
          {...wiring}
          name="emails"
          rows={3}
          autoComplete="off"
          spellCheck={false}
          inputMode="email"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** The browser's check of the addresses: the message to show, or the addresses to send. */
export function checkEmails(text: string, t: (key: string, options?: Record<string, unknown>) => string): { emails: string[]; error?: string } {
  const { emails, invalid } = parseEmails(text);
  if (invalid.length > 0) return { emails, error: t('invitations.errors.invalid', { list: invalid.join(', ') }) };
  if (emails.length === 0) return { emails, error: t('invitations.errors.none') };
  if (emails.length > MAX_EMAILS) return { emails, error: t('invitations.errors.tooMany', { max: MAX_EMAILS, n: emails.length }) };
  return { emails };
}

/** The end of an invitation form: the e-mail's language, what the last send did, the button. */
export function InviteFormEnd({
  languageLabel,
  language,
  onLanguage,
  invite,
}: {
  languageLabel: string;
  language: Language;
  onLanguage: (language: Language) => void;
  invite: { isPending: boolean; isError: boolean; isSuccess: boolean; error: unknown; data?: InvitationBatch };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select label={languageLabel} name="language" value={language} onChange={(e) => onLanguage(e.target.value as Language)}>
        <option value="ko">{t('languages.ko')}</option>
        <option value="en">{t('languages.en')}</option>
      </Select>
      {invite.isError && <ErrorMessage error={invite.error} />}
      {invite.isSuccess && invite.data && <InvitationResult batch={invite.data} />}
      <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
        {invite.isPending ? t('invitations.sending') : t('invitations.send')}
      </button>
    </>
  );
}
