import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { ROLES, type OrganizationSummary, type Role, type User } from '../../api/types';
import { DebouncedText } from '../../components/DebouncedText';
import { useAuth } from '../../auth/AuthContext';
import { Select } from '../../components/Field';
import { errorMessage, Notice, QueryState } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { Pager } from '../../components/Pager';
import { useUrlFilters } from '../../lib/useUrlFilters';

const PAGE_SIZE = 50;

export function AdminUsers() {
  const { t } = useTranslation();
  const [params, setFilter] = useUrlFilters();
  const role = (ROLES.includes(params.get('role') as Role) ? params.get('role') : '') as Role | '';
  const text = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [changed, setChanged] = useState<User | null>(null);
  // Making someone a recruiter names the organization they join.
  const organizations = useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api.listOrganizations({ limit: 500 }) });

  function update(key: string, value: string) {
    setFilter(key, value);
    setChanged(null);
  }

  const query = { role: role || undefined, q: text.trim() || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const users = useQuery({ queryKey: ['users', query], queryFn: () => api.listUsers(query), placeholderData: keepPreviousData });

  return (
    <>
      <h1 id="admin-title">{t('admin.title')}</h1>
      <p className="muted">{t('admin.intro')}</p>
      <section className="card" aria-labelledby="admin-title" data-testid="admin-users">
        <div className="toolbar" role="search">
          <DebouncedText label={t('admin.search')} name="q" value={text} onCommit={(value) => update('q', value)} />
          <Select label={t('admin.filterRole')} name="role" value={role} onChange={(e) => update('role', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {ROLES.map((item) => (
              <option key={item} value={item}>
                {t(`roles.${item}`)}
              </option>
            ))}
          </Select>
        </div>
        {changed && (
          <Notice tone="success">
            {changed.organization
              ? t('admin.changedInOrganization', { name: changed.full_name || changed.username, role: t(`roles.${changed.role}`), organization: changed.organization.name })
              : t('admin.changed', { name: changed.full_name || changed.username, role: t(`roles.${changed.role}`) })}
          </Notice>
        )}
        <QueryState query={users}>
          {(list) => (
            <>
              {list.length === 0 ? (
                <p className="muted">{t('admin.empty')}</p>
              ) : (
                <>
                  <p className="muted small" aria-live="polite">
                    {t('admin.shown', { count: list.length })}
                  </p>
                  <div className="table-wrap">
                    <table className="table users-table" data-testid="users-table">
                      <caption className="sr-only">{t('admin.title')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('common.id')}</th>
                          <th scope="col">{t('admin.username')}</th>
                          <th scope="col">{t('admin.fullName')}</th>
                          <th scope="col">{t('admin.email')}</th>
                          <th scope="col">{t('admin.organization')}</th>
                          <th scope="col">{t('admin.created')}</th>
                          <th scope="col">{t('admin.role')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((user) => (
                          <UserRow key={user.id} user={user} onChanged={setChanged} organizations={organizations.data ?? []} />
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
              <Pager page={page} shown={list.length} pageSize={PAGE_SIZE} onPage={(next) => update('page', String(next))} />
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}

/** One account with a role picker; the change is sent with the button, not on every arrow key. */
export function UserRow({ user, onChanged, organizations }: { user: User; onChanged: (user: User) => void; organizations: OrganizationSummary[] }) {
  const { t, i18n } = useTranslation();
  const { user: me } = useAuth();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(user.role);
  const [organizationId, setOrganizationId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // Becoming a recruiter needs the organization to join; other changes need none.
  const needsOrganization = role === 'recruiter' && user.role !== 'recruiter';
  const change = useMutation({
    mutationFn: (next: Role) => api.updateUserRole(user.id, next, next === 'recruiter' && user.role !== 'recruiter' ? Number(organizationId) : undefined),
    onSuccess: (updated) => {
      setRole(updated.role);
      setOrganizationId('');
      onChanged(updated);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: () => setRole(user.role),
  });
  const isMe = me?.id === user.id;
  const name = user.full_name || user.username;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (role === user.role) return;
    if (needsOrganization && !organizationId) {
      setProblem(t('admin.organizationRequired'));
      return;
    }
    setProblem(null);
    change.mutate(role);
  }
  const failure =
    problem ??
    (change.error instanceof ApiError && change.error.status === 409 && isMe
      ? t('admin.selfConflict')
      : change.error
        ? errorMessage(change.error, t)
        : null);
  return (
    <tr data-testid="user-row" data-id={user.id} data-username={user.username}>
      <td>{user.id}</td>
      <td>
        {user.username} {isMe && <span className="muted small">{t('common.you')}</span>}
      </td>
      <td>{user.full_name ?? <span className="muted">–</span>}</td>
      <td>{user.email}</td>
      <td>
        {user.organization ? (
          <>
            {user.organization.name} <span className="muted small">({t(`organizations.roles.${user.organization.role}`)})</span>
          </>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td>{formatDate(user.created_at, i18n.language)}</td>
      <td>
        <form className="role-form" onSubmit={submit}>
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            {t('admin.roleOf', { name })}
          </label>
          <select
            id={`role-${user.id}`}
            name="role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role);
              setProblem(null);
            }}
            aria-describedby={failure ? `role-error-${user.id}` : undefined}
          >
            {ROLES.map((item) => (
              <option key={item} value={item}>
                {t(`roles.${item}`)}
              </option>
            ))}
          </select>
          {needsOrganization && (
            <>
              <label className="sr-only" htmlFor={`org-${user.id}`}>
                {t('admin.organizationOf', { name })}
              </label>
              <select
                id={`org-${user.id}`}
                name="organization_id"
                value={organizationId}
                onChange={(e) => {
                  setOrganizationId(e.target.value);
                  setProblem(null);
                }}
              >
                <option value="">{t('admin.chooseOrganization')}</option>
                {organizations.map((organization) => (
                  <option key={organization.id} value={organization.id}>
                    {organization.name}
                    {organization.status === 'pending' ? ` (${t('organizations.status.pending')})` : ''}
                  </option>
                ))}
              </select>
            </>
          )}
          <button type="submit" className="btn btn-small" disabled={role === user.role || change.isPending} aria-label={`${t('admin.change')}: ${name}`}>
            {change.isPending ? t('admin.changing') : t('admin.change')}
          </button>
          {failure && (
            <span id={`role-error-${user.id}`} className="field-error small role-error" role="alert">
              {failure}
            </span>
          )}
        </form>
      </td>
    </tr>
  );
}
