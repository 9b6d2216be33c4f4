import { LANG_TAG, SHA256_HEX, VENDOR_KEY, type Receipt } from '@tagrelay/core';
import { checkChoices, checkId, checkTs, checkUrl, clip, findForbiddenKey, has, isPlainObject, problem, type FieldProblem } from './fieldChecks';

/** Largest accepted body of `POST {base}/c`: one receipt is well under 1 KiB, even with dozens of vendors. */
export const RECEIPT_MAX_BYTES = 8 * 1024;

/** A receipt that cannot be stored: answered with 400. `message` starts with the field when there is one. */
export type ReceiptError = { error: { code: string; message: string } };

/**
 * Runtime copies of Receipt's keys and unions (types are erased). Records, so
 * the compiler fails here when Receipt changes in core.
 */
const RECEIPT_KEYS: Record<keyof Receipt, true> = {
  v: true, consent_id: true, ts: true, choices: true, vendors: true, rev: true,
  lang: true, text_hash: true, layer: true, action: true, gpc: true, page: true,
};
const LAYERS: Record<Receipt['layer'], true> = { banner: true, preferences: true, placeholder: true, api: true, gpc: true };
const ACTIONS: Record<Receipt['action'], true> = {
  accept_all: true, reject_all: true, save: true, withdraw: true, update: true, gpc_default: true, opt_out: true,
};


const fail = (code: string, message: string): ReceiptError => ({ error: { code, message } });
const refuse = ({ code, message }: FieldProblem): ReceiptError => fail(code, message);

function checkVendors(value: unknown): FieldProblem | undefined {
  if (!isPlainObject(value)) return problem('invalid_field', 'vendors', 'must be an object of booleans');
  for (const key of Object.keys(value)) {
    if (!VENDOR_KEY.test(key)) return problem('invalid_field', `vendors.${clip(key)}`, `vendor keys must match ${VENDOR_KEY}`);
    if (typeof value[key] != 'boolean') return problem('invalid_field', `vendors.${key}`, 'must be a boolean');
  }
  return undefined;
}

function checkPage(value: unknown): FieldProblem | undefined {
  const bad = checkUrl('page', value, false, true);
  if (bad) return bad;
  // The browser removes the query string: it can carry emails, tokens or
  // order numbers, and a receipt keeps nothing identifying (COMPLIANCE.md rule 5).
  if ((value as string).split('#')[0].includes('?')) {
    return problem('invalid_field', 'page', 'must not have a query string; the browser removes it');
  }
  return undefined;
}

/** The first problem of the fields after `choices`, in the order of Receipt. */
function checkRest(input: Record<string, unknown>): FieldProblem | undefined {
  if (has(input, 'vendors')) {
    const vendorProblem = checkVendors(input.vendors);
    if (vendorProblem) return vendorProblem;
  }
  for (const key of ['rev', 'lang', 'text_hash', 'layer', 'action', 'gpc']) {
    if (!has(input, key)) return problem('missing_field', key, 'required');
  }
  const { rev, lang, text_hash, layer, action, gpc } = input;
  if (typeof rev != 'number' || !Number.isSafeInteger(rev) || rev < 1) return problem('invalid_field', 'rev', 'must be a positive integer');
  if (typeof lang != 'string' || !LANG_TAG.test(lang)) return problem('invalid_field', 'lang', `must match ${LANG_TAG}`);
  if (typeof text_hash != 'string' || !SHA256_HEX.test(text_hash)) {
    return problem('invalid_field', 'text_hash', 'must be the lowercase SHA-256 hex digest of the texts shown');
  }
  if (typeof layer != 'string' || !has(LAYERS, layer)) return problem('invalid_field', 'layer', `must be one of ${Object.keys(LAYERS).join(', ')}`);
  if (typeof action != 'string' || !has(ACTIONS, action)) return problem('invalid_field', 'action', `must be one of ${Object.keys(ACTIONS).join(', ')}`);
  if (typeof gpc != 'boolean') return problem('invalid_field', 'gpc', 'must be a boolean');
  return has(input, 'page') ? checkPage(input.page) : undefined;
}

/**
 * Parses and checks the body of `POST {base}/c`: one consent receipt, strictly
 * (unknown fields refused), so that what is stored as proof of consent is
 * exactly a Receipt and nothing more.
 *
 * @example validateReceipt('{"v":1,"consent_id":"k3J9x",...}') // { receipt } or { error }
 */
export function validateReceipt(text: string, now = Date.now()): { receipt: Receipt } | ReceiptError {
  if (!text.trim()) return fail('empty_body', 'the body is empty; expected one receipt {"v":1,"consent_id":...}');
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return fail('invalid_json', `the body is not JSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(input)) return fail('invalid_body', 'the body must be one receipt, a JSON object {"v":1,"consent_id":...}');
  const forbidden = findForbiddenKey(input);
  if (forbidden !== undefined) return refuse(problem('forbidden_key', forbidden, 'key is not allowed'));
  for (const key of Object.keys(input)) {
    if (!has(RECEIPT_KEYS, key)) {
      return refuse(problem('unknown_field', clip(key), `unknown field; allowed: ${Object.keys(RECEIPT_KEYS).join(', ')}`));
    }
  }
  if (input.v !== 1) return refuse(problem('unsupported_version', 'v', 'must be 1'));
  const headProblem = checkId(input, 'consent_id', true) ?? checkTs(input, now);
  if (headProblem) return refuse(headProblem);
  const choices = checkChoices(input.choices, 'choices');
  if ('code' in choices) return refuse(choices);
  const restProblem = checkRest(input);
  if (restProblem) return refuse(restProblem);

  // Rebuilt field by field in Receipt's order: the stored proof is exactly a Receipt.
  const receipt: Receipt = {
    v: 1,
    consent_id: input.consent_id as string,
    ts: input.ts as number,
    choices: choices.choices,
    ...(has(input, 'vendors') ? { vendors: input.vendors as Receipt['vendors'] } : {}),
    rev: input.rev as number,
    lang: input.lang as string,
    text_hash: input.text_hash as string,
    layer: input.layer as Receipt['layer'],
    action: input.action as Receipt['action'],
    gpc: input.gpc as boolean,
    ...(has(input, 'page') ? { page: input.page as string } : {}),
  };
  return { receipt };
}
