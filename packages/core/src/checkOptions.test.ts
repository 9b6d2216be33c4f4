import { describe, expect, it } from 'vitest';
import { checkOptions } from './checkOptions';
import type { Config } from './createTracker';
import type { Problem } from './types';

describe('checkOptions', () => {
  it('reports unknown options (typos) at the top level and in consent, and nothing else', () => {
    const problems: Problem[] = [];
    checkOptions({ endpoint: '/t', endpont: '/x', consent: { revision: 2, revison: 3 } } as Config, (p) => problems.push(p));
    expect(problems).toEqual([
      { code: 'unknown_option', message: 'init: unknown option "endpont"', level: 'warn' },
      { code: 'unknown_option', message: 'init: unknown option "consent.revison"', level: 'warn' },
    ]);
  });

  it('is quiet for a config of known options only', () => {
    const problems: Problem[] = [];
    checkOptions({ endpoint: '/t', debug: true, consent: { mode: 'opt-out', googleConsentMode: false }, pixels: {} }, (p) => problems.push(p));
    expect(problems).toEqual([]);
  });
});

describe('checkOptions without an endpoint', () => {
  it('warns that events go nowhere, or only to browser pixels when pixels are set', () => {
    const problems: Problem[] = [];
    checkOptions({}, (p) => problems.push(p));
    checkOptions({ pixels: { meta: { id: '1' } } }, (p) => problems.push(p));
    expect(problems).toEqual([
      { code: 'no_endpoint', message: 'init: no endpoint, events go nowhere', level: 'warn' },
      { code: 'no_endpoint', message: 'init: no endpoint, events go to browser pixels only', level: 'warn' },
    ]);
  });
});
