import { FORBIDDEN_KEYS, limits } from './limits';
import type { Params, ParamValue, Problem } from './types';

/** Parameters GA4 e-commerce expects as numbers; numeric strings are coerced. */
const NUMERIC = ['value', 'price', 'quantity', 'tax', 'shipping', 'discount'];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v == 'object' && v != null && !Array.isArray(v) &&
  (Object.getPrototypeOf(v) == Object.prototype || Object.getPrototypeOf(v) == null);

/**
 * Checks and cleans event parameters. Bad values are dropped one by one and
 * reported, so one wrong field never costs the rest of the event.
 * The endpoint uses the same function and rejects an event with any problem.
 *
 * @example validateParams({ value: '9.5', fn: () => 1 }) // { params: { value: 9.5 }, problems: [...] }
 */
export function validateParams(input: unknown): { params: Params; problems: Problem[] } {
  const problems: Problem[] = [];
  if (input === undefined || input === null) return { params: {}, problems };
  if (!isPlainObject(input)) {
    problems.push({ code: 'invalid_params', message: 'params must be a plain object', field: 'params' });
    return { params: {}, problems };
  }
  const params = cleanObject(input, 'params', 1, problems) as Params;
  return { params, problems };
}

function cleanObject(obj: Record<string, unknown>, path: string, depth: number, problems: Problem[]) {
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(obj)) {
    const field = `${path}.${key}`;
    if (FORBIDDEN_KEYS.includes(key)) {
      problems.push({ code: 'forbidden_key', message: `${field}: key is not allowed`, field });
      continue;
    }
    if (key.length > limits.paramKeyMaxLength || !key) {
      problems.push({ code: 'invalid_key', message: `${field}: keys are 1 to ${limits.paramKeyMaxLength} characters`, field });
      continue;
    }
    const value = cleanValue(obj[key], key, field, depth, problems);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function cleanValue(
  value: unknown,
  key: string,
  field: string,
  depth: number,
  problems: Problem[],
): ParamValue | undefined {
  if (NUMERIC.includes(key) && typeof value == 'string') {
    const n = value.trim() ? Number(value) : NaN;
    if (Number.isFinite(n)) {
      problems.push({ code: 'coerced_number', message: `${field}: a number was sent as a string`, field, level: 'warn' });
      return n;
    }
  }
  if (NUMERIC.includes(key) && typeof value != 'number' && value != null) {
    problems.push({ code: 'invalid_number', message: `${field}: must be a number`, field });
    return undefined;
  }
  if (key == 'currency' && !(typeof value == 'string' && /^[A-Z]{3}$/.test(value))) {
    problems.push({ code: 'invalid_currency', message: `${field}: must be an ISO 4217 code such as "EUR"`, field });
    return undefined;
  }
  switch (typeof value) {
    case 'string':
      if (value.length > limits.stringMaxLength) {
        problems.push({ code: 'string_too_long', message: `${field}: longer than ${limits.stringMaxLength} characters`, field });
        return undefined;
      }
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        problems.push({ code: 'invalid_number', message: `${field}: must be a finite number`, field });
        return undefined;
      }
      return value;
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (depth >= limits.paramDepth) {
        problems.push({ code: 'too_deep', message: `${field}: nested deeper than ${limits.paramDepth} levels`, field });
        return undefined;
      }
      if (Array.isArray(value)) {
        if (value.length > limits.arrayMaxLength) {
          problems.push({ code: 'array_too_long', message: `${field}: more than ${limits.arrayMaxLength} items`, field });
          return undefined;
        }
        const items: ParamValue[] = [];
        value.forEach((item, i) => {
          const cleaned = cleanValue(item, '', `${field}[${i}]`, depth + 1, problems);
          if (cleaned !== undefined) items.push(cleaned);
        });
        return items;
      }
      if (isPlainObject(value)) return cleanObject(value, field, depth + 1, problems);
  }
  problems.push({ code: 'invalid_value', message: `${field}: ${describe(value)} is not JSON data`, field });
  return undefined;
}

const describe = (v: unknown) => (typeof v == 'object' ? Object.prototype.toString.call(v) : typeof v);
