import { describe, expect, it } from 'vitest';
import { checkConfig, type Finding } from './checkConfig';

/** A config that breaks no rule and needs no second look. */
const good = () => ({
  endpoint: '/t',
  consent: { revision: 1, policyUrl: '/privacy' } as Record<string, unknown>,
  pixels: { meta: { id: '1234567890' } } as Record<string, unknown>,
});
const withConsent = (consent: Record<string, unknown>) => ({ ...good(), consent: { ...good().consent, ...consent } });
const withPixels = (pixels: Record<string, unknown>) => ({ ...good(), pixels });
const regions = (entries: unknown[], mode?: string) => withConsent({ googleConsentMode: { regions: entries }, ...(mode ? { mode } : {}) });

const brief = (findings: Finding[]) => findings.map(({ path, code }) => [path, code]);

describe('checkConfig', () => {
  it('finds nothing in a config that follows the rules', () => {
    expect(checkConfig(good())).toEqual({ errors: [], warnings: [] });
  });

  it('finds nothing in a fuller lawful config', () => {
    const config = withConsent({
      days: 182,
      lang: 'auto',
      mode: 'opt-in',
      policyUrl: 'https://shop.example/privacy',
      texts: { en: { title: 'Cookies?', reject_all: 'No thanks', accept_all: 'OK' }, pl: { reject_all: 'Odrzuć' } },
      categories: { preferences: { label: { en: 'Preferences' }, description: 'Remembers your settings' } },
      googleConsentMode: { regions: [{ region: ['US-CA', 'BR'], analytics: true, marketing: true }], waitForUpdate: 500 },
    });
    config.pixels = { ...config.pixels, tiktok: { id: 'CABCDEF1234', policyUrl: 'https://www.tiktok.com/legal/privacy-policy' }, crm: { name: 'Acme CRM', policyUrl: 'https://acme.example/privacy' } };
    expect(checkConfig(config)).toEqual({ errors: [], warnings: [] });
  });

  it.each([
    ['a string', 'tagrelay'],
    ['null', null],
    ['an array', [good()]],
    ['undefined', undefined],
  ])('refuses a config that is %s', (_, config) => {
    expect(checkConfig(config)).toEqual({ errors: [{ path: '', code: 'not_object', message: expect.any(String) }], warnings: [] });
  });

  it.each<[string, unknown, string, string]>([
    ['days over 13 months', withConsent({ days: 396 }), 'consent.days', 'days_too_long'],
    ['days 0', withConsent({ days: 0 }), 'consent.days', 'invalid_days'],
    ['negative days', withConsent({ days: -30 }), 'consent.days', 'invalid_days'],
    ['days as a string', withConsent({ days: '180' }), 'consent.days', 'invalid_days'],
    ['days NaN', withConsent({ days: NaN }), 'consent.days', 'invalid_days'],
    ['revision 0', withConsent({ revision: 0 }), 'consent.revision', 'invalid_revision'],
    ['revision 1.5', withConsent({ revision: 1.5 }), 'consent.revision', 'invalid_revision'],
    ['revision as a string', withConsent({ revision: '2' }), 'consent.revision', 'invalid_revision'],
    ['a category checked', withConsent({ categories: { prefs: { label: 'Prefs', checked: true } } }), 'consent.categories.prefs.checked', 'pre_ticked'],
    ['a category default', withConsent({ categories: { prefs: { label: 'Prefs', default: true } } }), 'consent.categories.prefs.default', 'pre_ticked'],
    ['a category preselected', withConsent({ categories: { prefs: { label: 'Prefs', preselected: true } } }), 'consent.categories.prefs.preselected', 'pre_ticked'],
    ['a category enabled', withConsent({ categories: { prefs: { label: 'Prefs', enabled: true } } }), 'consent.categories.prefs.enabled', 'pre_ticked'],
    ['an empty reject_all', withConsent({ texts: { en: { reject_all: '' } } }), 'consent.texts.en.reject_all', 'empty_reject'],
    ['a blank reject_all', withConsent({ texts: { pl: { reject_all: ' \u00a0' } } }), 'consent.texts.pl.reject_all', 'empty_reject'],
    ['an empty accept_all', withConsent({ texts: { en: { accept_all: '' } } }), 'consent.texts.en.accept_all', 'empty_accept'],
    ['reject_all not a string', withConsent({ texts: { en: { reject_all: false } } }), 'consent.texts.en.reject_all', 'invalid_text'],
    ['accept_all not a string', withConsent({ texts: { en: { accept_all: ['Accept'] } } }), 'consent.texts.en.accept_all', 'invalid_text'],
    ['a misspelt text key', withConsent({ texts: { en: { rejectAll: 'No' } } }), 'consent.texts.en.rejectAll', 'unknown_text'],
    ['texts of a language not an object', withConsent({ texts: { en: 'Cookies?' } }), 'consent.texts.en', 'invalid_type'],
    ['no policyUrl', { endpoint: '/t', consent: { revision: 1 } }, 'consent.policyUrl', 'missing_policy_url'],
    ['no consent section (so no policyUrl)', { endpoint: '/t' }, 'consent.policyUrl', 'missing_policy_url'],
    ['a relative policyUrl', withConsent({ policyUrl: 'privacy.html' }), 'consent.policyUrl', 'invalid_policy_url'],
    ['a protocol-relative policyUrl', withConsent({ policyUrl: '//other.example/privacy' }), 'consent.policyUrl', 'invalid_policy_url'],
    ['a javascript: policyUrl', withConsent({ policyUrl: 'javascript:alert(1)' }), 'consent.policyUrl', 'invalid_policy_url'],
    ['an empty policyUrl', withConsent({ policyUrl: '' }), 'consent.policyUrl', 'invalid_policy_url'],
    ['an unknown vendor without a name', withPixels({ acme: { policyUrl: 'https://acme.example/privacy' } }), 'pixels.acme.name', 'missing_vendor_name'],
    ['an unknown vendor without a policy', withPixels({ acme: { name: 'Acme' } }), 'pixels.acme.policyUrl', 'missing_vendor_policy'],
    ['an unknown vendor with a relative policy', withPixels({ acme: { name: 'Acme', policyUrl: '/acme-privacy' } }), 'pixels.acme.policyUrl', 'invalid_vendor_policy'],
    ['a known vendor with a non-http policy', withPixels({ meta: { id: '1', policyUrl: 'ftp://facebook.com/p' } }), 'pixels.meta.policyUrl', 'invalid_vendor_policy'],
    ['a vendor key receipts refuse', withPixels({ 'Acme Pixel': { name: 'Acme', policyUrl: 'https://acme.example/p' } }), 'pixels.Acme Pixel', 'invalid_vendor_key'],
    ['a pixel that is not an object', withPixels({ meta: '1234' }), 'pixels.meta', 'invalid_type'],
    ['GCM granting marketing in Germany', regions([{ region: ['DE'], marketing: true }]), 'consent.googleConsentMode.regions[0]', 'granted_by_default'],
    ['GCM granting analytics in Bavaria', regions([{ region: ['US', 'DE-BY'], analytics: true }]), 'consent.googleConsentMode.regions[0]', 'granted_by_default'],
    ['GCM granting in the UK, lowercase', regions([{ region: ['gb'], analytics: true }]), 'consent.googleConsentMode.regions[0]', 'granted_by_default'],
    ['GCM granting in Switzerland (2nd entry)', regions([{ region: ['US'], analytics: true }, { region: ['CH'], analytics: true }]), 'consent.googleConsentMode.regions[1]', 'granted_by_default'],
    ['GCM granting in Norway with mode opt-in', regions([{ region: ['NO'], marketing: true }], 'opt-in'), 'consent.googleConsentMode.regions[0]', 'granted_by_default'],
    ['GCM regions not an array', withConsent({ googleConsentMode: { regions: { region: ['US'] } } }), 'consent.googleConsentMode.regions', 'invalid_type'],
    ['an unknown mode', withConsent({ mode: 'optin' }), 'consent.mode', 'invalid_mode'],
    ['consent not an object', { ...good(), consent: true }, 'consent', 'invalid_type'],
    ['a known platform without an id', withPixels({ meta: {} }), 'pixels.meta.id', 'pixel_id_missing'],
    ['a known platform with an empty id', withPixels({ snap: { id: ' ' } }), 'pixels.snap.id', 'pixel_id_missing'],
    ['a known platform with a numeric id', withPixels({ meta: { id: 1234567890 } }), 'pixels.meta.id', 'pixel_id_missing'],
    ['an unknown pixel mode', withPixels({ meta: { id: '1234567890', mode: 'browser' } }), 'pixels.meta.mode', 'invalid_mode'],
    ['mode server without an endpoint', { consent: good().consent, endpoint: '', pixels: { meta: { id: '1234567890', mode: 'server' } } }, 'pixels.meta.mode', 'server_mode_without_endpoint'],
    ['an event mapped to true', withPixels({ meta: { id: '1234567890', events: { purchase: true } } }), 'pixels.meta.events.purchase', 'invalid_events'],
    ['an event mapped to an empty name', withPixels({ tiktok: { id: 'CABCDEF1234', events: { purchase: '' } } }), 'pixels.tiktok.events.purchase', 'invalid_events'],
    ['events as an array', withPixels({ meta: { id: '1234567890', events: ['purchase'] } }), 'pixels.meta.events', 'invalid_events'],
    ['an unknown `unknown`', withPixels({ meta: { id: '1234567890', unknown: 'drop' } }), 'pixels.meta.unknown', 'invalid_unknown'],
    ['a conversion id that is an object', withPixels({ linkedin: { id: '123456', conversions: { purchase: { id: 1 } } } }), 'pixels.linkedin.conversions.purchase', 'invalid_conversions'],
    ['conversions as a number', withPixels({ x: { id: 'o1abc', conversions: 5 } }), 'pixels.x.conversions', 'invalid_conversions'],
    ['a plain http script', withPixels({ meta: { id: '1234567890', script: 'http://cdn.shop.example/fbevents.js' } }), 'pixels.meta.script', 'invalid_script'],
    ['a protocol-relative script', withPixels({ meta: { id: '1234567890', script: '//cdn.example/fbevents.js' } }), 'pixels.meta.script', 'invalid_script'],
    ['a relative script path', withPixels({ meta: { id: '1234567890', script: 'js/fbevents.js' } }), 'pixels.meta.script', 'invalid_script'],
    ['meta ldu false', withPixels({ meta: { id: '1234567890', ldu: false } }), 'pixels.meta.ldu', 'invalid_option'],
    ['meta ldu with one number', withPixels({ meta: { id: '1234567890', ldu: [1] } }), 'pixels.meta.ldu', 'invalid_option'],
    ['tiktok pageView unknown', withPixels({ tiktok: { id: 'CABCDEF1234', pageView: 'view' } }), 'pixels.tiktok.pageView', 'invalid_option'],
    ['tiktok limitedDataUse as a string', withPixels({ tiktok: { id: 'CABCDEF1234', limitedDataUse: 'yes' } }), 'pixels.tiktok.limitedDataUse', 'invalid_option'],
    ["a site's own vendor with a bad mode", withPixels({ crm: { name: 'CRM', policyUrl: 'https://crm.example/p', mode: 'api' } }), 'pixels.crm.mode', 'invalid_mode'],
  ])('error: %s', (_, config, path, code) => {
    const { errors } = checkConfig(config);
    expect(brief(errors)).toEqual([[path, code]]);
    expect(errors[0].message).toMatch(/\S/);
  });

  it.each<[string, unknown, string, string]>([
    ['days over 6 months', withConsent({ days: 365 }), 'consent.days', 'days_over_recommended'],
    ['opt-out mode', withConsent({ mode: 'opt-out' }), 'consent.mode', 'opt_out_mode'],
    ['no endpoint', { consent: good().consent }, 'endpoint', 'no_endpoint'],
    ['an empty endpoint', { ...good(), endpoint: '' }, 'endpoint', 'no_endpoint'],
    ['an unknown top-level key', { ...good(), pixel: { meta: { id: '1' } } }, 'pixel', 'unknown_option'],
    ['an unknown consent key', withConsent({ policyURL: '/privacy' }), 'consent.policyURL', 'unknown_option'],
    ['the built-in banner off', withConsent({ ui: false }), 'consent.ui', 'own_banner'],
    ['a meta id with letters', withPixels({ meta: { id: 'abc123' } }), 'pixels.meta.id', 'pixel_id_format'],
    ['a meta id of 4 digits', withPixels({ meta: { id: '1234' } }), 'pixels.meta.id', 'pixel_id_format'],
    ['a tiktok id in lowercase', withPixels({ tiktok: { id: 'cabcdef1234' } }), 'pixels.tiktok.id', 'pixel_id_format'],
    ['a tiktok id of 9 characters', withPixels({ tiktok: { id: 'CABCDEF12' } }), 'pixels.tiktok.id', 'pixel_id_format'],
    ['a linkedin id with letters', withPixels({ linkedin: { id: 'li123' } }), 'pixels.linkedin.id', 'pixel_id_format'],
    ['a google id without a known prefix', withPixels({ google: { id: 'UA-12345-1' } }), 'pixels.google.id', 'pixel_id_format'],
    ['a pinterest id with letters', withPixels({ pinterest: { id: 'pin123' } }), 'pixels.pinterest.id', 'pixel_id_format'],
    ['a snap id that is not a UUID', withPixels({ snap: { id: 'a1b2c3d4' } }), 'pixels.snap.id', 'pixel_id_format'],
    ['an x id of 11 characters', withPixels({ x: { id: 'o1abcdefghi' } }), 'pixels.x.id', 'pixel_id_format'],
    ['a reddit id without a2_ or t2_', withPixels({ reddit: { id: 'demo123' } }), 'pixels.reddit.id', 'pixel_id_format'],
    ['an option the platform does not read', withPixels({ linkedin: { id: '123456', partnerId: '123456' } }), 'pixels.linkedin.partnerId', 'unknown_option'],
    ["another platform's option", withPixels({ meta: { id: '1234567890', pageView: 'page' } }), 'pixels.meta.pageView', 'unknown_option'],
    [
      'Google with Consent Mode off',
      { ...withConsent({ googleConsentMode: false }), pixels: { google: { id: 'G-ABC123' } } },
      'consent.googleConsentMode',
      'google_without_consent_mode',
    ],
  ])('warning, not error: %s', (_, config, path, code) => {
    const { errors, warnings } = checkConfig(config);
    expect(errors).toEqual([]);
    expect(brief(warnings)).toEqual([[path, code]]);
  });

  it('accepts the id formats of the eight platforms and every option they read', () => {
    const config = withPixels({
      meta: { id: '000000000000000', ldu: [1, 1000], mode: 'both', events: { purchase: 'Purchase', page_view: false }, unknown: 'skip', script: '/vendor/fbevents.js' },
      tiktok: { id: 'C4ABCDEF12GHIJKLMNOP', pageView: 'page', limitedDataUse: true, mode: 'server', unknown: 'custom' },
      linkedin: { id: '123456', conversions: { purchase: 7654321, sign_up: '7654322' } },
      google: { id: 'G-ABC123XYZ', purpose: 'Ads', script: 'https://gtm.shop.example/gtag/js' },
      pinterest: { id: '2612345678901', mode: 'client' },
      snap: { id: 'A1B2C3D4-0000-4000-8000-000000000000', name: 'Snap', policyUrl: 'https://values.snap.com/privacy/privacy-policy' },
      x: { id: 'o1abc', conversions: { purchase: 'tw-o1abc-o1xyz' } },
      reddit: { id: 'a2_demo123' },
    });
    expect(checkConfig(config)).toEqual({ errors: [], warnings: [] });
    expect(checkConfig(withPixels({ meta: { id: '1234567890', ldu: true }, google: { id: 'AW-123456789' } })).warnings).toEqual([]);
    expect(checkConfig(withPixels({ google: { id: 'GT-ABCDE' }, reddit: { id: 't2_abc' } })).warnings).toEqual([]);
    expect(checkConfig(withPixels({ google: { id: 'DC-1234567' } })).warnings).toEqual([]);
  });

  it('names the expected format in an id warning and the suggestion in an unknown option', () => {
    expect(checkConfig(withPixels({ google: { id: 'UA-1' } })).warnings[0].message).toMatch(/G-, AW-, GT- or DC-/);
    expect(checkConfig(withPixels({ meta: { id: '1234567890', LDU: true } })).warnings[0].message).toMatch(/did you mean "ldu"/);
  });

  it("allows mode server or both with an endpoint, and a site's own vendor without an id", () => {
    expect(checkConfig(withPixels({ meta: { id: '1234567890', mode: 'server' }, tiktok: { id: 'CABCDEF1234', mode: 'both' } })).errors).toEqual([]);
    expect(checkConfig(withPixels({ crm: { name: 'CRM', policyUrl: 'https://crm.example/p', mode: 'both', sandbox: true } }))).toEqual({ errors: [], warnings: [] });
  });

  it('says where events go without an endpoint: to browser pixels only, or nowhere', () => {
    const message = (config: unknown) => checkConfig(config).warnings.find((w) => w.code == 'no_endpoint')?.message;
    expect(message({ consent: good().consent, pixels: { meta: { id: '1234567890' } } })).toMatch(/^no endpoint: events go to browser pixels only, /);
    expect(message({ consent: good().consent, pixels: {} })).toMatch(/^no endpoint: events go nowhere, /);
    expect(message({ consent: good().consent })).toMatch(/^no endpoint: events go nowhere, /);
  });

  it('suggests the key a typo meant', () => {
    expect(checkConfig({ ...good(), auto_page_views: false }).warnings[0].message).toMatch(/did you mean "autoPageViews"/);
    expect(checkConfig(withConsent({ texts: { en: { RejectAll: 'No' } } })).errors[0].message).toMatch(/did you mean "reject_all"/);
  });

  it('allows granting by default outside opt-in regions, and anywhere in opt-out mode', () => {
    expect(checkConfig(regions([{ region: ['US-CA', 'CA', 'JP'], analytics: true, marketing: true }])).errors).toEqual([]);
    expect(checkConfig(regions([{ region: ['DE'], analytics: false, marketing: false }])).errors).toEqual([]);
    expect(checkConfig(regions([{ region: ['DE'], marketing: true }], 'opt-out')).errors).toEqual([]);
  });

  it('names every opt-in region of an entry and both purposes', () => {
    const [finding] = checkConfig(regions([{ region: ['US', 'PL', 'IS', 'LI'], analytics: true, marketing: true }])).errors;
    expect(finding.message).toMatch(/analytics and marketing .* PL, IS, LI,/);
  });

  it('warns about Consent Mode off only when Google is among the pixels', () => {
    const google = { google: { id: 'G-ABC123' } };
    expect(checkConfig(withConsent({ googleConsentMode: false }))).toEqual({ errors: [], warnings: [] });
    for (const googleConsentMode of [undefined, true, {}]) {
      expect(checkConfig({ ...withConsent({ googleConsentMode }), pixels: google })).toEqual({ errors: [], warnings: [] });
    }
    const [warning] = checkConfig({ ...withConsent({ googleConsentMode: false }), pixels: google }).warnings;
    expect(warning.message).toBe("Google's tags then get no consent state: analytics refusals do not reach them");
  });

  it('takes false, absent or falsy pre-tick flags', () => {
    const categories = { prefs: { label: 'Prefs', checked: false, default: undefined, enabled: 0 } };
    expect(checkConfig(withConsent({ categories })).errors).toEqual([]);
  });

  it('reports every problem of a config at once, errors and warnings apart', () => {
    const config = {
      consent: { days: 400, revision: 0, mode: 'opt-out', texts: { en: { reject_all: ' ' } } },
      pixels: { acme: {} },
      trackEverything: true,
    };
    const { errors, warnings } = checkConfig(config);
    expect(brief(errors)).toEqual([
      ['consent.days', 'days_too_long'],
      ['consent.revision', 'invalid_revision'],
      ['consent.policyUrl', 'missing_policy_url'],
      ['consent.texts.en.reject_all', 'empty_reject'],
      ['pixels.acme.name', 'missing_vendor_name'],
      ['pixels.acme.policyUrl', 'missing_vendor_policy'],
    ]);
    expect(brief(warnings)).toEqual([
      ['trackEverything', 'unknown_option'],
      ['endpoint', 'no_endpoint'],
      ['consent.mode', 'opt_out_mode'],
    ]);
  });
});
