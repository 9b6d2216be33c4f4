import { EVENT_ID, FORBIDDEN_KEYS, limits, type Choices } from '@tagrelay/core';

// Checks shared by validateEvent and validateReceipt, kept in one file (not one
// per helper) so an event and a receipt are judged by the same rules.

/** Why a field was refused. `message` starts with `field` when there is one. */
export type FieldProblem = { code: string; message: string; field?: string };

/** Events older than the project cannot be real; they come from broken clocks or replays. */
const MIN_TS = Date.UTC(2020, 0, 1);
/** Client clocks drift; a day of slack keeps honest devices in while refusing garbage. */
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v == 'object' && v != null && !Array.isArray(v);

export const has = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

export const problem = (code: string, field: string, reason: string): FieldProblem => ({
  code,
  field,
  message: `${field}: ${reason}`,
});

/** Shortens attacker-controlled keys before they are echoed in a message. */
export const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Finds a prototype-polluting key anywhere in a parsed JSON value.
 * JSON.parse makes `"__proto__"` an own property, so Object.keys sees it.
 * Iterative, because a 64 KiB body can nest thousands of levels deep.
 */
export function findForbiddenKey(root: unknown): string | undefined {
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

/** `input[key]`: an id such as an event id or consent id (EVENT_ID pattern). */
export function checkId(input: Record<string, unknown>, key: string, required: boolean): FieldProblem | undefined {
  if (!has(input, key)) return required ? problem('missing_field', key, 'required') : undefined;
  const value = input[key];
  if (typeof value != 'string' || !EVENT_ID.test(value)) return problem('invalid_field', key, `must be a string matching ${EVENT_ID}`);
  return undefined;
}

/** `input.ts`: a client-clock time in ms, after 2020 and at most a day ahead of `now`. */
export function checkTs(input: Record<string, unknown>, now: number): FieldProblem | undefined {
  if (!has(input, 'ts')) return problem('missing_field', 'ts', 'required');
  const ts = input.ts;
  if (typeof ts != 'number' || !Number.isInteger(ts)) return problem('invalid_field', 'ts', 'must be an integer (ms since epoch)');
  if (ts < MIN_TS) return problem('invalid_field', 'ts', 'before 2020-01-01');
  if (ts > now + MAX_CLOCK_AHEAD_MS) return problem('invalid_field', 'ts', 'more than 24 h in the future');
  return undefined;
}

/** Choices per category (`field` is `consent` in an event, `choices` in a receipt), with `necessary` made explicit. */
export function checkChoices(value: unknown, field: string): { choices: Choices } | FieldProblem {
  if (value === undefined) return problem('missing_field', field, 'required');
  if (!isPlainObject(value)) return problem('invalid_field', field, 'must be an object of booleans');
  for (const key of Object.keys(value)) {
    if (!key || key.length > limits.paramKeyMaxLength) {
      return problem('invalid_field', `${field}.${clip(key)}`, `category names are 1 to ${limits.paramKeyMaxLength} characters`);
    }
    if (typeof value[key] != 'boolean') return problem('invalid_field', `${field}.${key}`, 'must be a boolean');
  }
  for (const key of ['analytics', 'marketing']) {
    if (!has(value, key)) return problem('missing_field', `${field}.${key}`, 'required');
  }
  // `necessary` cannot be refused; a client that says otherwise is broken.
  if (value.necessary === false) return problem('invalid_field', `${field}.necessary`, 'must be true when present');
  const { necessary: _, analytics, marketing, ...custom } = value as Record<string, boolean>;
  return { choices: { necessary: true, analytics, marketing, ...custom } };
}

/** A URL field of at most limits.urlMaxLength characters; `httpOnly` refuses other schemes. */
export function checkUrl(field: string, value: unknown, allowEmpty: boolean, httpOnly: boolean): FieldProblem | undefined {
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
