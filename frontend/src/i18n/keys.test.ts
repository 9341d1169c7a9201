import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ko } from './ko';
import { AUDIT_ACTIONS } from '../pages/Audit';
import { ERROR_CODES } from '../components/Status';

// Every literal key the screens ask for, e.g. t('invite.signIn'), exists in both languages.
const sources = import.meta.glob(['../**/*.tsx', '../**/*.ts', '!../**/*.test.*', '!../i18n/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function lookup(resources: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), resources);
}

describe('translations', () => {
  const keys = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g)) keys.add(match[1]);
  }
  it('finds the keys used', () => expect(keys.size).toBeGreaterThan(200));
  it('has every key used in English and Korean', () => {
    const missing = [...keys].filter((key) => typeof lookup(en, key) !== 'string' || typeof lookup(ko, key) !== 'string');
    expect(missing).toEqual([]);
  });
  it('names every audit action, invitation state, review reason, override check and score scope in both languages', () => {
    for (const resources of [en, ko]) {
      for (const status of ['sending', 'pending', 'accepted', 'revoked', 'expired']) expect(typeof lookup(resources, `invitations.status.${status}`)).toBe('string');
      for (const kind of ['practice', 'real']) expect(typeof lookup(resources, `kind.${kind}`)).toBe('string');
      for (const action of AUDIT_ACTIONS) expect(typeof lookup(resources, `audit.actions.${action}`), action).toBe('string');
      for (const reason of ['offline', 'fallback', 'scoringOff', 'scorerText']) expect(typeof lookup(resources, `review.reasons.${reason}`), reason).toBe('string');
      for (const problem of ['score', 'reasonShort', 'reasonLong', 'noteLong']) expect(typeof lookup(resources, `review.errors.${problem}`), problem).toBe('string');
      for (const scope of ['overall', 'technical', 'communication', 'cultural_fit', 'question']) expect(typeof lookup(resources, `review.scopes.${scope}`), scope).toBe('string');
      for (const code of ERROR_CODES) expect(typeof lookup(resources, `errors.codes.${code}`), code).toBe('string');
      for (const state of ['current', 'answered', 'followUp', 'skipped', 'unanswered']) expect(typeof lookup(resources, `room.nav.status.${state}`), state).toBe('string');
    }
  });
});
