import {
  EVENT_ID,
  EVENT_NAME,
  FORBIDDEN_KEYS,
  SHA256_HEX,
  limits,
  validateParams,
  type Choices,
  type ClickIds,
  type HashedUser,
  type PageContext,
  type WireEvent,
} from '@tagrelay/core';

/** Why an event was refused. `message` starts with `field` when there is one. */
export type EventProblem = { code: string; message: string; field?: string };

/** The top-level keys a WireEvent may have; anything else is refused. */
const EVENT_KEYS = ['id', 'name', 'ts', 'params', 'consent', 'page', 'anon_id', 'session_id', 'user', 'click'];
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
/** Events older than the project cannot be real; they come from broken clocks or replays. */
const MIN_TS = Date.UTC(2020, 0, 1);
/** Client clocks drift; a day of slack keeps honest devices in while refusing garbage. */
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v == 'object' && v != null && !Array.isArray(v);

const has = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

const problem = (code: string, field: string, reason: string): EventProblem => ({
  code,
  field,
  message: `${field}: ${reason}`,
});

/** Shortens attacker-controlled keys before they are echoed in a message. */
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Finds a prototype-polluting key anywhere in a parsed JSON value.
 * JSON.parse makes `"__proto__"` an own property, so Object.keys sees it.
 * Iterative, because a 64 KiB body can nest thousands of levels deep.
 */
function findForbiddenKey(root: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value != 'object' || value == null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.includes(key)) return field;
      stack.push({ value: (value as Record<string, unknown>)[key], path: field });
    }
  }
  return undefined;
}

function checkId(input: Record<string, unknown>, key: string, required: boolean): EventProblem | undefined {
  if (!has(input, key)) return required ? problem('missing_field', key, 'required') : undefined;
  const value = input[key];
  if (typeof value != 'string' || !EVENT_ID.test(value)) return problem('invalid_field', key, `must be a string matching ${EVENT_ID}`);
  return undefined;
}

function checkTs(input: Record<string, unknown>, now: number): EventProblem | undefined {
  if (!has(input, 'ts')) return problem('missing_field', 'ts', 'required');
  const ts = input.ts;
  if (typeof ts != 'number' || !Number.isInteger(ts)) return problem('invalid_field', 'ts', 'must be an integer (ms since epoch)');
  if (ts < MIN_TS) return problem('invalid_field', 'ts', 'before 2020-01-01');
  if (ts > now + MAX_CLOCK_AHEAD_MS) return problem('invalid_field', 'ts', 'more than 24 h in the future');
  return undefined;
}

function checkConsent(value: unknown): { consent: Choices } | EventProblem {
  if (value === undefined) return problem('missing_field', 'consent', 'required');
  if (!isPlainObject(value)) return problem('invalid_field', 'consent', 'must be an object of booleans');
  for (const key of Object.keys(value)) {
    if (!key || key.length > limits.paramKeyMaxLength) {
      return problem('invalid_field', `consent.${key}`, `category names are 1 to ${limits.paramKeyMaxLength} characters`);
    }
    if (typeof value[key] != 'boolean') return problem('invalid_field', `consent.${key}`, 'must be a boolean');
  }
  for (const key of ['analytics', 'marketing']) {
    if (!has(value, key)) return problem('missing_field', `consent.${key}`, 'required');
  }
  // `necessary` cannot be refused; a client that says otherwise is broken.
  if (value.necessary === false) return problem('invalid_field', 'consent.necessary', 'must be true when present');
  const { necessary: _, analytics, marketing, ...custom } = value as Record<string, boolean>;
  return { consent: { necessary: true, analytics, marketing, ...custom } };
}

function checkUrl(field: string, value: unknown, allowEmpty: boolean, httpOnly: boolean): EventProblem | undefined {
  if (typeof value != 'string') return problem('invalid_field', field, 'must be a string');
  if (value.length > limits.urlMaxLength) return problem('invalid_field', field, `longer than ${limits.urlMaxLength} characters`);
  if (allowEmpty && value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem('invalid_field', field, 'must be an absolute URL');
  }
  if (httpOnly && url.protocol != 'http:' && url.protocol != 'https:') return problem('invalid_field', field, 'must be an http(s) URL');
  return undefined;
}

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
    if (v.length > limits.clickIdMaxLength) return problem('invalid_field', `click.${key}`, `longer than ${limits.clickIdMaxLength} characters`);
  }
  return { click: value as ClickIds };
}

/**
 * Checks one event as received on `POST {base}/e`, strictly: anything the
 * browser SDK would not send is refused, so bad clients are noticed early.
 * Fields the visitor's consent does not allow are removed (ARCHITECTURE.md,
 * routing table); an event with neither analytics nor marketing consent is refused.
 *
 * @example validateEvent(JSON.parse(text)) // { event } or { code, message, field }
 */
export function validateEvent(input: unknown, now = Date.now()): { event: WireEvent } | EventProblem {
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

  const consent = checkConsent(input.consent);
  if ('code' in consent) return consent;
  const page = checkPage(input.page);
  if ('code' in page) return page;
  const optionalProblem = checkId(input, 'anon_id', false) ?? checkId(input, 'session_id', false);
  if (optionalProblem) return optionalProblem;

  const event: WireEvent = {
    id: input.id as string,
    name: input.name,
    ts: input.ts as number,
    params,
    consent: consent.consent,
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

  const { analytics, marketing } = event.consent;
  if (!analytics && !marketing) {
    return problem('no_consent', 'consent', 'neither analytics nor marketing consent: the event must not be sent');
  }
  const bytes = Buffer.byteLength(JSON.stringify(event));
  if (bytes > limits.eventMaxBytes) {
    return { code: 'event_too_large', message: `serialised event is ${bytes} bytes, more than ${limits.eventMaxBytes}` };
  }

  // Minimisation (ARCHITECTURE.md routing table): identifiers need analytics
  // consent, hashed user data and click ids need marketing consent.
  if (!analytics) {
    delete event.anon_id;
    delete event.session_id;
  }
  if (!marketing) {
    delete event.user;
    delete event.click;
  }
  return { event };
}
