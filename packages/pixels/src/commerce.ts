import type { Params, ParamValue } from '../../core/src/types';

/** One product line, read from a GA4 `items[]` entry. */
export type Line = { id: string; name?: string; price?: number; quantity: number; category?: string };

/** The e-commerce facts of a GA4-style event, typed the way every platform wants them. */
export type Commerce = {
  /** A number, never a string (Meta rejects `"99.50"`); absent when not a finite number. */
  value?: number;
  /** ISO 4217, upper case. */
  currency?: string;
  lines: Line[];
  /** Sum of the lines' quantities. */
  quantity: number;
  orderId?: string;
  query?: string;
};

const num = (v: ParamValue | undefined): number | undefined => {
  const n = typeof v == 'string' && v.trim() ? Number(v) : v;
  return typeof n == 'number' && Number.isFinite(n) ? n : undefined;
};
const str = (v: ParamValue | undefined): string | undefined =>
  typeof v == 'string' && v ? v : typeof v == 'number' && Number.isFinite(v) ? String(v) : undefined;

/**
 * Reads `value`, `currency`, `items`, `transaction_id` and `search_term` of a
 * GA4 recommended event once, for every platform's mapping.
 *
 * @example commerceOf({ value: '99.5', currency: 'pln', items: [{ item_id: 'sku-1', quantity: 2 }] }) // { value: 99.5, currency: 'PLN', lines: [{ id: 'sku-1', quantity: 2 }], quantity: 2 }
 */
export function commerceOf(params: Params): Commerce {
  const lines: Line[] = [];
  for (const item of Array.isArray(params.items) ? params.items : []) {
    if (!item || typeof item != 'object' || Array.isArray(item)) continue;
    const id = str(item.item_id) || str(item.item_name);
    if (!id) continue;
    const line: Line = { id, quantity: Math.max(1, Math.round(num(item.quantity) ?? 1)) };
    const name = str(item.item_name);
    const price = num(item.price);
    const category = str(item.item_category);
    if (name) line.name = name;
    if (price !== undefined) line.price = price;
    if (category) line.category = category;
    lines.push(line);
  }
  const c: Commerce = { lines, quantity: lines.reduce((sum, l) => sum + l.quantity, 0) };
  const value = num(params.value);
  const currency = typeof params.currency == 'string' && /^[A-Za-z]{3}$/.test(params.currency) ? params.currency.toUpperCase() : undefined;
  const orderId = str(params.transaction_id);
  const query = str(params.search_term);
  if (value !== undefined) c.value = value;
  if (currency) c.currency = currency;
  if (orderId) c.orderId = orderId;
  if (query) c.query = query;
  return c;
}

/** Copies the defined entries only: platforms reject `undefined` fields in some SDK versions. */
export const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
