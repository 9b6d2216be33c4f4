import type { ConsentTexts } from '../../core/src/consentConfig';
import { CONFIG_KEYS, CONSENT_KEYS } from '../../core/src/checkOptions';
import { VENDOR_KEY } from '../../core/src/limits';
import { PIXEL_MODES, type PixelMode } from '../../core/src/pixelModes';
import { vendors } from '../../consent-ui/src/vendors';

/** One problem of a config: `path` names the field (`consent.days`, `pixels.acme.policyUrl`; empty for the whole config). */
export type Finding = { path: string; code: string; message: string };

/** Every text key, so a typo in `consent.texts` is caught (a Record: the compiler keeps it complete). */
const TEXT_KEYS: Record<keyof ConsentTexts, true> = {
  title: true, description: true, accept_all: true, reject_all: true, customize: true, save: true,
  close: true, policy: true, preferences_title: true, preferences_description: true, always_on: true,
  necessary: true, necessary_description: true, analytics: true, analytics_description: true,
  marketing: true, marketing_description: true, vendors: true, vendor_policy: true, vendor_purpose: true,
  gpc: true, opt_out_title: true, opt_out_description: true, do_not_sell: true, ok: true, settings: true,
  placeholder: true, placeholder_button: true,
};

/** 13 months: the ceiling for audience-measurement consent (COMPLIANCE.md 7). */
const MAX_DAYS = 395;
/** About 6 months: what CNIL recommends (COMPLIANCE.md 7). */
const RECOMMENDED_DAYS = 182;

/** Where opt-in consent is the law (GDPR/ePrivacy, UK GDPR, Swiss FADP): EU 27, Iceland, Liechtenstein, Norway, UK, Switzerland. */
const OPT_IN_REGIONS = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'GB', 'CH',
]);

/** Category flags that would show a purpose as already chosen (CJEU C-673/17 Planet49). */
const PRE_TICK_KEYS = ['checked', 'default', 'preselected', 'enabled'];

/** Findings that need a person's judgement rather than break a rule: reported as warnings. */
const WARNING_CODES = new Set([
  'unknown_option', 'no_endpoint', 'days_over_recommended', 'opt_out_mode', 'own_banner', 'pixel_id_format', 'google_without_consent_mode',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v == 'object' && v != null && !Array.isArray(v);
const has = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);
/** A value as a message names it; objects are not printed (a config can be large). */
const show = (v: unknown) =>
  Array.isArray(v) ? 'an array' : typeof v == 'object' && v ? 'an object' : typeof v == 'string' ? JSON.stringify(v) : String(v);

const isHttpUrl = (v: unknown) => typeof v == 'string' && /^https?:\/\/[^/\s]+\S*$/i.test(v);
/** `/privacy`, but not `//host/privacy`, which is another site. */
const isRootRelative = (v: unknown) => typeof v == 'string' && /^\/(?!\/)\S*$/.test(v);

/** A key of `keys` that a typo most likely meant: same letters ignoring case, `_` and `-`. */
function closest(key: string, keys: object): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  return Object.keys(keys).find((k) => plain(k) == plain(key));
}

const didYouMean = (key: string, keys: object) => {
  const guess = closest(key, keys);
  return guess ? `; did you mean "${guess}"?` : '';
};

/** `regions` entries of Google Consent Mode that grant analytics or marketing before a choice in an opt-in region. */
function checkRegions(regions: unknown, path: string, optOut: boolean, add: (f: Finding) => void): void {
  if (regions === undefined) return;
  if (!Array.isArray(regions)) {
    add({ path, code: 'invalid_type', message: 'must be an array of { region, analytics, marketing }' });
    return;
  }
  regions.forEach((entry, i) => {
    if (!isObject(entry) || !Array.isArray(entry.region)) {
      add({ path: `${path}[${i}]`, code: 'invalid_type', message: 'must be { region: [ISO codes], analytics?, marketing? }' });
      return;
    }
    const granted = ['analytics', 'marketing'].filter((purpose) => entry[purpose] === true);
    if (!granted.length || optOut) return;
    const optIn = entry.region.filter((code) => typeof code == 'string' && OPT_IN_REGIONS.has(code.toUpperCase().split('-')[0]));
    if (optIn.length) {
      add({
        path: `${path}[${i}]`,
        code: 'granted_by_default',
        message: `grants ${granted.join(' and ')} before any choice in ${optIn.join(', ')}, where consent must be opt-in (ePrivacy art. 5(3), GDPR)`,
      });
    }
  });
}

function checkTexts(texts: unknown, add: (f: Finding) => void): void {
  if (texts === undefined) return;
  if (!isObject(texts)) {
    add({ path: 'consent.texts', code: 'invalid_type', message: 'must be an object of texts per language: { en: { title: … } }' });
    return;
  }
  for (const [lang, byKey] of Object.entries(texts)) {
    const base = `consent.texts.${lang}`;
    if (!isObject(byKey)) {
      add({ path: base, code: 'invalid_type', message: 'must be an object of texts by key' });
      continue;
    }
    for (const [key, value] of Object.entries(byKey)) {
      const path = `${base}.${key}`;
      if (!has(TEXT_KEYS, key)) {
        add({ path, code: 'unknown_text', message: `not a text of the consent UI, so it is never shown${didYouMean(key, TEXT_KEYS)}` });
      } else if (typeof value != 'string') {
        add({ path, code: 'invalid_text', message: `must be a string, not ${show(value)}` });
      } else if (!value.trim() && (key == 'reject_all' || key == 'accept_all')) {
        add({
          path,
          code: key == 'reject_all' ? 'empty_reject' : 'empty_accept',
          message: 'is blank: the first layer needs labelled "Accept all" and "Reject all" buttons, equally easy (EDPB cookie banner taskforce, CNIL)',
        });
      }
    }
  }
}

function checkCategories(categories: unknown, add: (f: Finding) => void): void {
  if (categories === undefined) return;
  if (!isObject(categories)) {
    add({ path: 'consent.categories', code: 'invalid_type', message: 'must be an object of categories by key' });
    return;
  }
  for (const [key, category] of Object.entries(categories)) {
    if (!isObject(category)) {
      add({ path: `consent.categories.${key}`, code: 'invalid_type', message: 'must be { label, description? }' });
      continue;
    }
    for (const flag of PRE_TICK_KEYS) {
      if (category[flag]) {
        add({
          path: `consent.categories.${key}.${flag}`,
          code: 'pre_ticked',
          message: 'a purpose must not be chosen in advance: the visitor ticks it (CJEU C-673/17 Planet49)',
        });
      }
    }
  }
}

function checkConsent(consent: Record<string, unknown>, add: (f: Finding) => void): void {
  for (const key of Object.keys(consent)) {
    if (!has(CONSENT_KEYS, key)) {
      add({ path: `consent.${key}`, code: 'unknown_option', message: `unknown option, ignored${didYouMean(key, CONSENT_KEYS)}` });
    }
  }
  const { days, revision, mode, policyUrl } = consent;
  if (days !== undefined) {
    if (typeof days != 'number' || !Number.isFinite(days) || days <= 0) {
      add({ path: 'consent.days', code: 'invalid_days', message: `must be a positive number of days, not ${show(days)}` });
    } else if (days > MAX_DAYS) {
      add({ path: 'consent.days', code: 'days_too_long', message: `${days} days is more than 13 months (${MAX_DAYS} days), the ceiling for keeping a choice` });
    } else if (days > RECOMMENDED_DAYS) {
      add({
        path: 'consent.days',
        code: 'days_over_recommended',
        message: `${days} days: CNIL recommends asking again after 6 months (${RECOMMENDED_DAYS} days, the default)`,
      });
    }
  }
  if (revision !== undefined && !(typeof revision == 'number' && Number.isSafeInteger(revision) && revision > 0)) {
    add({ path: 'consent.revision', code: 'invalid_revision', message: `must be a positive integer, not ${show(revision)}` });
  }
  if (mode !== undefined && mode !== 'opt-in' && mode !== 'opt-out') {
    add({ path: 'consent.mode', code: 'invalid_mode', message: `must be 'opt-in' or 'opt-out', not ${show(mode)}` });
  }
  if (mode === 'opt-out') {
    add({
      path: 'consent.mode',
      code: 'opt_out_mode',
      message: 'opt-out is only lawful where opt-out laws apply (CCPA/CPRA and similar): serve this config to those regions only, never in the EEA, UK or Switzerland',
    });
  }
  if (consent.ui === false) {
    add({ path: 'consent.ui', code: 'own_banner', message: "the site shows its own banner: its reject button, texts and pre-ticked boxes cannot be checked here" });
  }
  if (policyUrl === undefined) {
    add({ path: 'consent.policyUrl', code: 'missing_policy_url', message: 'required: the first layer links the privacy policy (GDPR art. 13)' });
  } else if (!isHttpUrl(policyUrl) && !isRootRelative(policyUrl)) {
    add({ path: 'consent.policyUrl', code: 'invalid_policy_url', message: `must be an http(s) URL or a root-relative path such as /privacy, not ${show(policyUrl)}` });
  }
  checkTexts(consent.texts, add);
  checkCategories(consent.categories, add);
  const gcm = consent.googleConsentMode;
  if (isObject(gcm)) checkRegions(gcm.regions, 'consent.googleConsentMode.regions', mode === 'opt-out', add);
}

/** What every vendor in `pixels` may carry (PixelConfig and the shims' MapOptions). */
const PIXEL_KEYS = {
  id: true, name: true, policyUrl: true, purpose: true, mode: true, events: true, unknown: true, conversions: true, script: true,
};

const isPair = (v: unknown) => Array.isArray(v) && v.length == 2 && v.every((n) => typeof n == 'number' && Number.isFinite(n));

/** A platform's own options: a check and what it expects, for the message. */
const PLATFORM_OPTIONS: { [platform: string]: { [option: string]: [ok: (v: unknown) => boolean, expected: string] } } = {
  meta: { ldu: [(v) => v === true || isPair(v), 'true (Limited Data Use, region from the IP) or [country, state] such as [1, 1000]'] },
  tiktok: {
    pageView: [(v) => v === 'track' || v === 'page', "'track' or 'page'"],
    limitedDataUse: [(v) => typeof v == 'boolean', 'true or false'],
  },
};

/** Pixel id formats as the vendors show them today; a mismatch is a warning because vendors change formats. */
const ID_FORMATS: { [platform: string]: [RegExp, string] } = {
  meta: [/^\d{5,20}$/, 'a dataset (pixel) id of digits, usually 15 or 16'],
  tiktok: [/^[A-Z0-9]{10,30}$/, 'a pixel code of 10 to 30 capital letters and digits'],
  linkedin: [/^\d+$/, 'a partner id of digits'],
  google: [/^(?:G|AW|GT|DC)-[A-Za-z0-9]+$/, 'a tag id starting with G-, AW-, GT- or DC-'],
  pinterest: [/^\d+$/, 'a tag id of digits'],
  snap: [/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i, 'a pixel id in UUID form'],
  x: [/^[A-Za-z0-9]{4,10}$/, 'a pixel id of 4 to 10 letters and digits'],
  reddit: [/^(?:a2|t2)_[A-Za-z0-9]+$/, 'a pixel id starting with a2_ or t2_'],
};

/** A vendor script override: an https URL or a path on the site (`/vendor/fbevents.js`), never plain http. */
const isScriptUrl = (v: unknown) => (typeof v == 'string' && /^https:\/\/[^/\s]+\S*$/i.test(v)) || isRootRelative(v);

/** Options every vendor may set: delivery path, event mapping, script override. */
function checkPixelOptions(pixel: Record<string, unknown>, path: string, hasEndpoint: boolean, add: (f: Finding) => void): void {
  const { mode, events, unknown, conversions, script } = pixel;
  if (mode !== undefined && !PIXEL_MODES.includes(mode as PixelMode)) {
    add({ path: `${path}.mode`, code: 'invalid_mode', message: `must be 'client', 'server' or 'both', not ${show(mode)}` });
  } else if ((mode === 'server' || mode === 'both') && !hasEndpoint) {
    add({
      path: `${path}.mode`,
      code: 'server_mode_without_endpoint',
      message: `'${mode}' sends events through the endpoint, but there is no endpoint: set endpoint or use mode 'client'`,
    });
  }
  if (events !== undefined) {
    if (!isObject(events)) {
      add({ path: `${path}.events`, code: 'invalid_events', message: "must be an object of event names: { purchase: 'CompletePayment', page_view: false }" });
    } else {
      for (const [name, value] of Object.entries(events)) {
        if (value !== false && (typeof value != 'string' || !value)) {
          add({ path: `${path}.events.${name}`, code: 'invalid_events', message: `must be the platform's event name or false (never sent), not ${show(value)}` });
        }
      }
    }
  }
  if (unknown !== undefined && unknown !== 'custom' && unknown !== 'skip') {
    add({ path: `${path}.unknown`, code: 'invalid_unknown', message: `must be 'custom' or 'skip', not ${show(unknown)}` });
  }
  if (conversions !== undefined) {
    if (!isObject(conversions)) {
      add({ path: `${path}.conversions`, code: 'invalid_conversions', message: 'must be an object of conversion ids by event: { purchase: 123 }' });
    } else {
      for (const [name, value] of Object.entries(conversions)) {
        if (typeof value != 'string' && !(typeof value == 'number' && Number.isFinite(value))) {
          add({ path: `${path}.conversions.${name}`, code: 'invalid_conversions', message: `must be a conversion id (a string or number), not ${show(value)}` });
        }
      }
    }
  }
  if (script !== undefined && !isScriptUrl(script)) {
    add({ path: `${path}.script`, code: 'invalid_script', message: `must be an https URL or a path on the site such as /js/pixel.js, not ${show(script)}` });
  }
}

/** A platform tagrelay has a shim for: its id, and no option the shim does not read. */
function checkPlatform(key: string, pixel: Record<string, unknown>, path: string, add: (f: Finding) => void): void {
  const { id } = pixel;
  if (typeof id != 'string' || !id.trim()) {
    add({ path: `${path}.id`, code: 'pixel_id_missing', message: `required: the ${vendors[key].name} pixel id, as a string${id === undefined ? '' : `, not ${show(id)}`}` });
  } else if (has(ID_FORMATS, key) && !ID_FORMATS[key][0].test(id)) {
    add({
      path: `${path}.id`,
      code: 'pixel_id_format',
      message: `${show(id)} does not look like ${ID_FORMATS[key][1]}: check it against the vendor's dashboard`,
    });
  }
  const own = PLATFORM_OPTIONS[key] ?? {};
  for (const option of Object.keys(pixel)) {
    if (has(PIXEL_KEYS, option)) continue;
    if (!has(own, option)) {
      add({ path: `${path}.${option}`, code: 'unknown_option', message: `unknown option, ignored${didYouMean(option, { ...PIXEL_KEYS, ...own })}` });
      continue;
    }
    const [ok, expected] = own[option];
    if (!ok(pixel[option])) add({ path: `${path}.${option}`, code: 'invalid_option', message: `must be ${expected}, not ${show(pixel[option])}` });
  }
}

function checkPixels(pixels: unknown, hasEndpoint: boolean, add: (f: Finding) => void): void {
  if (pixels === undefined) return;
  if (!isObject(pixels)) {
    add({ path: 'pixels', code: 'invalid_type', message: 'must be an object of vendors by key: { meta: { id } }' });
    return;
  }
  for (const [key, pixel] of Object.entries(pixels)) {
    const path = `pixels.${key}`;
    if (!VENDOR_KEY.test(key)) {
      add({ path, code: 'invalid_vendor_key', message: `vendor keys must match ${VENDOR_KEY}: consent receipts with this key are refused` });
    }
    if (!isObject(pixel)) {
      add({ path, code: 'invalid_type', message: 'must be an object of options' });
      continue;
    }
    if (has(vendors, key)) {
      checkPlatform(key, pixel, path, add);
      if (pixel.policyUrl !== undefined && !isHttpUrl(pixel.policyUrl)) {
        add({ path: `${path}.policyUrl`, code: 'invalid_vendor_policy', message: `must be an http(s) URL, not ${show(pixel.policyUrl)}` });
      }
    } else {
      if (typeof pixel.name != 'string' || !pixel.name.trim()) {
        add({ path: `${path}.name`, code: 'missing_vendor_name', message: `"${key}" is not a platform tagrelay knows: give the name visitors see in the vendor list` });
      }
      if (pixel.policyUrl === undefined) {
        add({
          path: `${path}.policyUrl`,
          code: 'missing_vendor_policy',
          message: `"${key}" is not a platform tagrelay knows: link its privacy policy (an http(s) URL) for the vendor list`,
        });
      } else if (!isHttpUrl(pixel.policyUrl)) {
        add({ path: `${path}.policyUrl`, code: 'invalid_vendor_policy', message: `must be an http(s) URL, not ${show(pixel.policyUrl)}` });
      }
    }
    checkPixelOptions(pixel, path, hasEndpoint, add);
  }
}

/**
 * Checks an `init()` config against the consent rules (COMPLIANCE.md) that can
 * be decided from the config alone, for a site's CI. Errors break a rule;
 * warnings need a person to confirm.
 *
 * @example checkConfig({ endpoint: '/t', consent: { days: 400 } }).errors // [{ path: 'consent.days', code: 'days_too_long', … }, …]
 */
export function checkConfig(config: unknown): { errors: Finding[]; warnings: Finding[] } {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  if (!isObject(config)) {
    errors.push({ path: '', code: 'not_object', message: `the config must be an object, not ${show(config)}` });
    return { errors, warnings };
  }
  // Each rule is written once and reports its finding here, sorted by code.
  const add = (f: Finding) => (WARNING_CODES.has(f.code) ? warnings : errors).push(f);
  for (const key of Object.keys(config)) {
    if (!has(CONFIG_KEYS, key)) add({ path: key, code: 'unknown_option', message: `unknown option, ignored${didYouMean(key, CONFIG_KEYS)}` });
  }
  const hasEndpoint = config.endpoint !== undefined && config.endpoint !== '';
  if (!hasEndpoint) {
    const { pixels } = config;
    const toPixels = isObject(pixels) && Object.keys(pixels).length > 0;
    add({
      path: 'endpoint',
      code: 'no_endpoint',
      message: `no endpoint: events go ${toPixels ? 'to browser pixels only' : 'nowhere'}, and no consent receipts are sent, so proving consent (GDPR art. 7(1)) is up to the site`,
    });
  }
  const consent = config.consent ?? {};
  if (isObject(consent)) checkConsent(consent, add);
  else add({ path: 'consent', code: 'invalid_type', message: 'must be an object' });
  checkPixels(config.pixels, hasEndpoint, add);
  // Consent Mode is how Google's tags learn the visitor's choices (COMPLIANCE.md 8).
  if (isObject(config.pixels) && config.pixels.google !== undefined && isObject(consent) && consent.googleConsentMode === false) {
    add({
      path: 'consent.googleConsentMode',
      code: 'google_without_consent_mode',
      message: "Google's tags then get no consent state: analytics refusals do not reach them",
    });
  }
  return { errors, warnings };
}
