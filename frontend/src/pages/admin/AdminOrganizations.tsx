import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import type { Organization, OrganizationStatus, OrganizationSummary } from '../../api/types';
import { DebouncedText } from '../../components/DebouncedText';
import { Select } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { errorMessage, Notice, QueryState } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { OrganizationStatusBadge } from '../org/Organization';

const PAGE_SIZE = 50;
const STATUSES: OrganizationStatus[] = ['pending', 'approved'];

/** Admins: every organization, pending ones first, each approved with one button. */
export function AdminOrganizations() {
  const { t } = useTranslation();
  const [params, setFilter] = useUrlFilters();
  const status = (STATUSES.includes(params.get('status') as OrganizationStatus) ? params.get('status') : '') as OrganizationStatus | '';
  const text = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [approved, setApproved] = useState<Organization | null>(null);
  function update(key: string, value: string) {
    setFilter(key, value);
    setApproved(null);
  }
  const query = { status: status || undefined, q: text.trim() || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const organizations = useQuery({ queryKey: ['organizations', query], queryFn: () => api.listOrganizations(query), placeholderData: keepPreviousData });
  return (
    <>
      <h1 id="orgs-title">{t('organizations.adminTitle')}</h1>
      <p className="muted">{t('organizations.adminIntro')}</p>
      <section className="card" aria-labelledby="orgs-title" data-testid="admin-organizations">
        <div className="toolbar" role="search">
          <Select label={t('common.status')} name="status" value={status} onChange={(e) => update('status', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((item) => (
              <option key={item} value={item}>
                {t(`organizations.status.${item}`)}
              </option>
            ))}
          </Select>
          <DebouncedText label={t('organizations.search')} name="q" value={text} onCommit={(value) => update('q', value)} />
        </div>
        {approved && <Notice tone="success">{t('organizations.approvedNotice', { name: approved.name })}</Notice>}
        <QueryState query={organizations}>
          {(list) => (
            <>
              {list.length === 0 ? (
                <p className="muted">{t('organizations.empty')}</p>
              ) : (
                <ul className="item-list" data-testid="organization-list">
                  {list.map((organization) => (
                    <OrganizationItem key={organization.id} organization={organization} onApproved={setApproved} />
                  ))}
                </ul>
              )}
              <Pager page={page} shown={list.length} pageSize={PAGE_SIZE} onPage={(next) => update('page', String(next))} />
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}

function OrganizationItem({ organization, onApproved }: { organization: OrganizationSummary; onApproved: (organization: Organization) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: () => api.approveOrganization(organization.id),
    onSuccess: (updated) => {
      onApproved(updated);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
  const owner = organization.owner_full_name || organization.owner_username;
  return (
    <li className="item" data-testid="organization-row" data-id={organization.id} data-name={organization.name}>
      <div className="grow">
        <p>
          <strong>{organization.name}</strong> <OrganizationStatusBadge status={organization.status} />{' '}
          <span className="muted small">#{organization.id}</span>
        </p>
        <p className="muted small break">
          {owner ? t('organizations.ownerLine', { name: owner, email: organization.owner_email ?? '–' }) : t('organizations.noOwner')} ·{' '}
          {t('organizations.memberCount', { count: organization.member_count })} ·{' '}
          {organization.approved_at
            ? t('organizations.approvedAt', { date: formatDate(organization.approved_at, i18n.language) })
            : t('organizations.requestedAt', { date: formatDate(organization.created_at, i18n.language) })}
        </p>
        {approve.isError && (
          <p className="field-error small" role="alert">
            {errorMessage(approve.error, t)}
          </p>
        )}
      </div>
      {organization.status === 'pending' && (
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={approve.isPending}
          aria-label={t('organizations.approveName', { name: organization.name })}
          onClick={() => approve.mutate()}
        >
          {approve.isPending ? t('organizations.approving') : t('organizations.approve')}
        </button>
      )}
    </li>
  );
}
