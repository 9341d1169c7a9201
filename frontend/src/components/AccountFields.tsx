import { useTranslation } from 'react-i18next';
import { TextInput } from './Field';

export interface AccountFieldValues {
  username: string;
  password: string;
  full_name: string;
}

/** The fields every sign-up asks for (username, password, optional full name), with the API's limits. */
export function AccountFields({
  values,
  set,
  errors,
}: {
  values: AccountFieldValues;
  set: (key: keyof AccountFieldValues) => (event: { target: { value: string } }) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('auth.username')}
        name="username"
        autoComplete="username"
        required
        minLength={3}
        maxLength={50}
        pattern="[A-Za-z0-9_.\-]+"
        hint={t('auth.usernameHint')}
        value={values.username}
        onChange={set('username')}
        error={errors.username}
      />
      <TextInput
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint={t('auth.passwordHint')}
        value={values.password}
        onChange={set('password')}
        error={errors.password}
      />
      <TextInput
        label={
          <>
            {t('auth.fullName')} <span className="muted">{t('common.optional')}</span>
          </>
        }
        name="full_name"
        autoComplete="name"
        value={values.full_name}
        onChange={set('full_name')}
        error={errors.full_name}
      />
    </>
  );
}
