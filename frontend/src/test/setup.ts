import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { initI18n } from '../i18n';
import { resetSessionForTests } from '../auth/session';

initI18n('en');

afterEach(() => {
  cleanup();
  localStorage.clear();
  resetSessionForTests(); // the access token lives in memory: each test starts signed out
});
