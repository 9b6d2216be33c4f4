import { describe, expect, it } from 'vitest';
import { validateBatch } from './validateBatch';

const NOW = Date.UTC(2025, 5, 1, 12);

const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  name: 'page_view',
  ts: NOW - 5000,
  params: {},
  consent: { necessary: true, analytics: true, marketing: false },
  page: { url: 'https://shop.example/', referrer: '', title: 'Shop' },
  ...overrides,
});

const body = (events: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ v: 1, events, ...extra });

/** The 400 error code of a body, failing the test if the body was usable. */
function errorOf(text: string) {
  const result = validateBatch(text, NOW);
  if (!('error' in result)) throw new Error(`accepted: ${text.slice(0, 200)}`);
  return result.error;
}

describe('validateBatch', () => {
  it('returns the valid events with their index', () => {
    const result = validateBatch(body([event('a'), event('b')]), NOW);
    expect(result).toEqual({
      events: [
        { index: 0, event: event('a') },
        { index: 1, event: event('b') },
      ],
      rejected: [],
      dropped: 0,
    });
  });

  it.each([
    ['an empty body', '', 'empty_body'],
    ['whitespace', ' \n', 'empty_body'],
    ['non-JSON', 'v=1&events=', 'invalid_json'],
    ['truncated JSON', body([event('a')]).slice(0, -3), 'invalid_json'],
    ['a JSON array', JSON.stringify([event('a')]), 'invalid_body'],
    ['JSON null', 'null', 'invalid_body'],
    ['a JSON string', '"hello"', 'invalid_body'],
    ['v: 2', JSON.stringify({ v: 2, events: [event('a')] }), 'unsupported_version'],
    ['v: "1"', JSON.stringify({ v: '1', events: [event('a')] }), 'unsupported_version'],
    ['no v', JSON.stringify({ events: [event('a')] }), 'unsupported_version'],
    ['no events', JSON.stringify({ v: 1 }), 'invalid_events'],
    ['events as an object', JSON.stringify({ v: 1, events: { 0: event('a') } }), 'invalid_events'],
    ['an empty events array', body([]), 'no_events'],
    ['an unknown top-level field', body([event('a')], { debug: true }), 'unknown_field'],
    ['a __proto__ at top level', body([event('a')]).replace('{', '{"__proto__":{"x":1},'), 'forbidden_key'],
    ['a negative dropped', body([event('a')], { dropped: -1 }), 'invalid_field'],
    ['a float dropped', body([event('a')], { dropped: 1.5 }), 'invalid_field'],
    ['a string dropped', body([event('a')], { dropped: '3' }), 'invalid_field'],
  ])('refuses %s with 400 %s', (_, text, code) => {
    const error = errorOf(text);
    expect(error.code).toBe(code);
    expect(error.message).toBeTruthy();
  });

  it('names the field in version and events messages', () => {
    expect(errorOf(JSON.stringify({ v: 2, events: [] })).message).toBe('v: must be 1');
    expect(errorOf(JSON.stringify({ v: 1, events: 'x' })).message).toBe('events: must be an array');
  });

  it('takes 100 events and refuses 101', () => {
    const events = Array.from({ length: 101 }, (_, i) => event(`e${i}`));
    expect(validateBatch(body(events.slice(0, 100)), NOW)).toHaveProperty('events.length', 100);
    expect(errorOf(body(events))).toMatchObject({ code: 'too_many_events' });
  });

  it('keeps the browser drop count', () => {
    expect(validateBatch(body([event('a')], { dropped: 3 }), NOW)).toHaveProperty('dropped', 3);
  });

  it('keeps the valid events of a mixed batch and lists the invalid ones by index', () => {
    const result = validateBatch(body([event('a'), event('b', { name: '9lives' }), 42, event('d', { params: { value: 'x' } })]), NOW);
    if ('error' in result) throw new Error(result.error.message);
    expect(result.events.map((e) => [e.index, e.event.id])).toEqual([[0, 'a']]);
    expect(result.rejected).toEqual([
      { index: 1, code: 'invalid_field', message: 'events[1].name: must match /^[A-Za-z][A-Za-z0-9_]{0,63}$/' },
      { index: 2, code: 'invalid_event', message: 'events[2]: must be a JSON object' },
      { index: 3, code: 'invalid_number', message: 'events[3].params.value: must be a number' },
    ]);
  });

  it('answers no_valid_events with the rejected list when every event is invalid', () => {
    const result = validateBatch(body([event('a', { ts: 'now' }), null]), NOW);
    expect(result).toEqual({
      error: { code: 'no_valid_events', message: 'none of the 2 events is valid' },
      rejected: [
        { index: 0, code: 'invalid_field', message: 'events[0].ts: must be an integer (ms since epoch)' },
        { index: 1, code: 'invalid_event', message: 'events[1]: must be a JSON object' },
      ],
    });
  });

  it('survives an event nested thousands of levels deep', () => {
    const text = `{"v":1,"events":[${'['.repeat(30_000)}${']'.repeat(30_000)},${JSON.stringify(event('ok'))}]}`;
    const result = validateBatch(text, NOW);
    expect(result).toMatchObject({ events: [{ index: 1 }], rejected: [{ index: 0, code: 'invalid_event' }] });
  });

  it('passes duplicate ids through: the store makes them idempotent', () => {
    const result = validateBatch(body([event('same'), event('same')]), NOW);
    expect(result).toHaveProperty('events.length', 2);
  });
});
