import { FORBIDDEN_KEYS, type Rejection, type WireEvent } from '@tagrelay/core';
import { validateEvent, type ConsentRules } from './validateEvent';

/**
 * Most events one request may carry. The browser sends at most
 * limits.batchMaxEvents (50); the headroom keeps an older or newer SDK
 * working, while still bounding the work one request can cause.
 */
export const MAX_BATCH_EVENTS = 100;

/** A body that cannot be used at all: answered with 400. */
export type BatchError = { error: { code: string; message: string }; rejected?: Rejection[] };

/** The valid events (with their index in the body), the rejected ones, and the browser's drop count. */
export type ValidBatch = { events: { index: number; event: WireEvent }[]; rejected: Rejection[]; dropped: number };

const BATCH_KEYS = ['v', 'events', 'dropped'];

const fail = (code: string, message: string): BatchError => ({ error: { code, message } });

/**
 * Parses and checks the body of `POST {base}/e` (CONTRACT.md section 4).
 * Each event is judged on its own, so one bad event never costs the good ones;
 * `rules` apply to every event (Global Privacy Control on the request).
 *
 * @example validateBatch('{"v":1,"events":[...]}') // { events, rejected, dropped } or { error }
 */
export function validateBatch(text: string, now = Date.now(), rules: ConsentRules = {}): BatchError | ValidBatch {
  if (!text.trim()) return fail('empty_body', 'the body is empty; expected {"v":1,"events":[...]}');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return fail('invalid_json', `the body is not JSON: ${(e as Error).message}`);
  }
  if (typeof body != 'object' || body == null || Array.isArray(body)) {
    return fail('invalid_body', 'the body must be a JSON object {"v":1,"events":[...]}');
  }
  for (const key of Object.keys(body)) {
    if (FORBIDDEN_KEYS.includes(key)) return fail('forbidden_key', `${key}: key is not allowed`);
    if (!BATCH_KEYS.includes(key)) return fail('unknown_field', `${key.slice(0, 40)}: unknown field; allowed: ${BATCH_KEYS.join(', ')}`);
  }
  const { v, events, dropped = 0 } = body as Record<string, unknown>;
  if (v !== 1) return fail('unsupported_version', 'v: must be 1');
  if (!Array.isArray(events)) return fail('invalid_events', 'events: must be an array');
  if (!events.length) return fail('no_events', 'events: the array is empty');
  if (events.length > MAX_BATCH_EVENTS) {
    return fail('too_many_events', `events: ${events.length} events, at most ${MAX_BATCH_EVENTS} per request`);
  }
  if (typeof dropped != 'number' || !Number.isInteger(dropped) || dropped < 0) {
    return fail('invalid_field', 'dropped: must be a non-negative integer');
  }

  const valid: ValidBatch['events'] = [];
  const rejected: Rejection[] = [];
  events.forEach((input, index) => {
    const result = validateEvent(input, now, rules);
    if ('event' in result) valid.push({ index, event: result.event });
    else {
      const message = result.field ? `events[${index}].${result.message}` : `events[${index}]: ${result.message}`;
      rejected.push({ index, code: result.code, message });
    }
  });
  if (!valid.length) {
    return { error: { code: 'no_valid_events', message: `none of the ${events.length} events is valid` }, rejected };
  }
  return { events: valid, rejected, dropped };
}
