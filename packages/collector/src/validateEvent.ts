import {
  CLICK_ID_MAX_LENGTH,
  CLICK_VENDOR,
  EVENT_NAME,
  PIXEL_MODES,
  SHA256_HEX,
  VENDOR_KEY,
  limits,
  validateParams,
  type ClickIds,
  type Decision,
  type HashedUser,
  type PageContext,
  type PixelMode,
  type WireEvent,
} from '@tagrelay/core';
import {
  checkChoices,
  checkId,
  checkTs,
  checkUrl,
  clip,
  findForbiddenKey,
  has,
  isPlainObject,
  problem,
  type FieldProblem,
} from './fieldChecks';

/** Why an event was refused. `message` starts with `field` when there is one. */
export type EventProblem = FieldProblem;

/** The top-level keys a WireEvent may have; anything else is refused. */
const EVENT_KEYS = ['id', 'name', 'ts', 'params', 'consent', 'page', 'anon_id', 'session_id', 'user', 'click', 'vendors'];
const PAGE_KEYS = ['url', 'referrer', 'title'];

/**
 * Runtime copy of HashedUser's keys (types are erased). A Record, so the
 * compiler fails here when a key is added to HashedUser in core.
 */
const USER_KEYS: Record<keyof HashedUser, true> = {
  em: true, ph: true, ph_e164: true, fn: true, ln: true, ge: true,
  db: true, ct: true, st: true, zp: true, country: true, external_id: true,
};

const CLICK_KEY = /^[a-z_]{2,24}$/;

type VendorPaths = NonNullable<WireEvent['vendors']>;
/** More than any `pixels` config needs; bounds the work and the stored row. */
const VENDORS_MAX = 32;

function checkPage(value: unknown): { page: PageContext } | EventProblem {
  if (value === undefined) return problem('missing_field', 'page', 'required');
  if (!isPlainObject(value)) return problem('invalid_field', 'page', 'must be an object { url, referrer, title }');
  for (const key of Object.keys(value)) {
    if (!PAGE_KEYS.includes(key)) return problem('unknown_field', `page.${key}`, 'unknown field');
  }
  for (const key of PAGE_KEYS) {
    if (!has(value, key)) return problem('missing_field', `page.${key}`, 'required');
  }
  const { url, referrer, title } = value;
  const bad = checkUrl('page.url', url, false, true) ?? checkUrl('page.referrer', referrer, true, false);
  if (bad) return bad;
  if (typeof title != 'string') return problem('invalid_field', 'page.title', 'must be a string');
  if (title.length > limits.titleMaxLength) return problem('invalid_field', 'page.title', `longer than ${limits.titleMaxLength} characters`);
  return { page: { url: url as string, referrer: referrer as string, title } };
}

function checkUser(value: unknown): { user: HashedUser } | EventProblem {
  if (!isPlainObject(value)) return problem('invalid_field', 'user', 'must be an object of SHA-256 hex digests');
  for (const key of Object.keys(value)) {
    if (!has(USER_KEYS, key)) {
      return problem('unknown_field', `user.${clip(key)}`, `unknown field; allowed: ${Object.keys(USER_KEYS).join(', ')}`);
    }
    const v = value[key];
    // Never echo the value: if it is not a digest it may be someone's email or phone.
    if (typeof v != 'string' || !SHA256_HEX.test(v)) {
      return problem('unhashed_user_data', `user.${key}`, 'must be a lowercase SHA-256 hex digest; raw personal data is refused');
    }
  }
  return { user: value as HashedUser };
}

function checkClick(value: unknown): { click: ClickIds } | EventProblem {
  if (!isPlainObject(value)) return problem('invalid_field', 'click', 'must be an object of strings');
  for (const key of Object.keys(value)) {
    if (!CLICK_KEY.test(key)) return problem('invalid_field', `click.${clip(key)}`, `keys must match ${CLICK_KEY}`);
    const v = value[key];
    if (typeof v != 'string') return problem('invalid_field', `click.${key}`, 'must be a string');
    if (v.length > CLICK_ID_MAX_LENGTH) return problem('invalid_field', `click.${key}`, `longer than ${CLICK_ID_MAX_LENGTH} characters`);
  }
  return { click: value as ClickIds };
}

function checkVendors(value: unknown): { vendors: VendorPaths } | EventProblem {
  if (!isPlainObject(value)) return problem('invalid_field', 'vendors', "must be an object of 'client' | 'server' | 'both'");
  const keys = Object.keys(value);
  if (keys.length > VENDORS_MAX) return problem('invalid_field', 'vendors', `more than ${VENDORS_MAX} vendors`);
  for (const key of keys) {
    if (!VENDOR_KEY.test(key)) return problem('invalid_field', `vendors.${clip(key)}`, `keys must match ${VENDOR_KEY}`);
    if (!PIXEL_MODES.includes(value[key] as PixelMode)) {
      return problem('invalid_field', `vendors.${key}`, "must be 'client', 'server' or 'both'");
    }
  }
  return { vendors: value as VendorPaths };
}

/** How the request limits what an event's own consent says. */
export type ConsentRules = {
  /** The request signalled Global Privacy Control without an explicit override: the event is judged as if `consent.marketing` were false. */
  denyMarketing?: boolean;
  /**
   * The visitor's decision now, from the request's consent cookie. Events are sent some time after
   * they were tracked: what it no longer allows (marketing, a vendor) is removed; nothing is added.
   */
  decision?: Decision;
};

/** The entries of `record` whose vendor is not refused; undefined when none is left. */
function withoutRefused<T>(record: { [key: string]: T }, vendorOf: (key: string) => string | undefined, choices: Decision['vd']) {
  // `choices` comes from a cookie: anything but an explicit false refuses nothing.
  const kept = Object.entries(record).filter(([key]) => {
    const vendor = vendorOf(key);
    return vendor === undefined || choices?.[vendor] !== false;
  });
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/**
 * Checks one event as received on `POST {base}/e`, strictly: anything the
 * browser SDK would not send is refused, so bad clients are noticed early.
 * Fields the visitor's consent does not allow are removed (ARCHITECTURE.md,
 * routing table); an event with neither analytics nor marketing consent is refused.
 *
 * @example validateEvent(JSON.parse(text)) // { event } or { code, message, field }
 */
export function validateEvent(input: unknown, now = Date.now(), rules: ConsentRules = {}): { event: WireEvent } | EventProblem {
  if (!isPlainObject(input)) return { code: 'invalid_event', message: 'must be a JSON object' };
  const forbidden = findForbiddenKey(input);
  if (forbidden !== undefined) return problem('forbidden_key', forbidden, 'key is not allowed');
  for (const key of Object.keys(input)) {
    if (!EVENT_KEYS.includes(key)) return problem('unknown_field', clip(key), 'unknown field');
  }

  const idProblem = checkId(input, 'id', true);
  if (idProblem) return idProblem;
  if (!has(input, 'name')) return problem('missing_field', 'name', 'required');
  if (typeof input.name != 'string' || !EVENT_NAME.test(input.name)) {
    return problem('invalid_field', 'name', `must match ${EVENT_NAME}`);
  }
  const tsProblem = checkTs(input, now);
  if (tsProblem) return tsProblem;

  // The endpoint is stricter than the browser: even a warning (a coerced
  // number) means the client did not clean the event, so it is refused.
  const { params, problems } = validateParams(input.params);
  if (problems.length) {
    const [first] = problems;
    return { code: first.code, message: first.message, field: first.field as string | undefined };
  }

  const consent = checkChoices(input.consent, 'consent');
  if ('code' in consent) return consent;
  const page = checkPage(input.page);
  if ('code' in page) return page;
  const optionalProblem = checkId(input, 'anon_id', false) ?? checkId(input, 'session_id', false);
  if (optionalProblem) return optionalProblem;

  // Stored as refused, not only stripped: forwarders and exports read consent.marketing.
  const gpcDenied = !!rules.denyMarketing && consent.choices.marketing;
  const event: WireEvent = {
    id: input.id as string,
    name: input.name,
    ts: input.ts as number,
    params,
    consent: gpcDenied ? { ...consent.choices, marketing: false } : consent.choices,
    page: page.page,
  };
  if (has(input, 'anon_id')) event.anon_id = input.anon_id as string;
  if (has(input, 'session_id')) event.session_id = input.session_id as string;
  if (has(input, 'user')) {
    const user = checkUser(input.user);
    if ('code' in user) return user;
    event.user = user.user;
  }
  if (has(input, 'click')) {
    const click = checkClick(input.click);
    if ('code' in click) return click;
    event.click = click.click;
  }
  if (has(input, 'vendors')) {
    const vendors = checkVendors(input.vendors);
    if ('code' in vendors) return vendors;
    event.vendors = vendors.vendors;
  }

  const { analytics, marketing } = event.consent;
  if (!analytics && !marketing) {
    return gpcDenied
      ? problem('no_consent', 'consent', 'no analytics consent, and Global Privacy Control (Sec-GPC: 1) refuses marketing: the event is not stored')
      : problem('no_consent', 'consent', 'neither analytics nor marketing consent: the event must not be sent');
  }
  const bytes = Buffer.byteLength(JSON.stringify(event));
  if (bytes > limits.eventMaxBytes) {
    return { code: 'event_too_large', message: `serialised event is ${bytes} bytes, more than ${limits.eventMaxBytes}` };
  }

  // Minimisation (ARCHITECTURE.md routing table): identifiers need analytics
  // consent; hashed user data, click ids and the allowed vendors need marketing consent.
  if (!analytics) {
    delete event.anon_id;
    delete event.session_id;
  }
  // The current decision may have withdrawn marketing or a vendor since the event was tracked.
  const current = rules.decision;
  if (!marketing || current?.c.marketing === false) {
    delete event.user;
    delete event.click;
    delete event.vendors;
  } else if (current) {
    const vendors = event.vendors && withoutRefused(event.vendors, (v) => v, current.vd);
    const click = event.click && withoutRefused(event.click, (key) => (has(CLICK_VENDOR, key) ? CLICK_VENDOR[key] : undefined), current.vd);
    if (vendors) event.vendors = vendors;
    else delete event.vendors;
    if (click) event.click = click;
    else delete event.click;
  }
  return { event };
}
