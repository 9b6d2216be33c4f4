import type { Params, PixelEvent } from './types';

// Fixtures of the platforms' table tests: one event shape and one cart, the same for every platform.

/** Two lines of the demo shop's cart, as GA4 `items`. */
export const ITEMS: Params[] = [
  { item_id: 'sku-1', item_name: 'Dripper', item_category: 'Brewing', price: 119, quantity: 2 },
  { item_id: 'sku-3', item_name: 'Coffee', price: 54.9, quantity: 1 },
];

/** An event with the id `e-1`, the one every platform's dedup field must carry. */
export const ev = (name: string, params: PixelEvent['params'] = {}): PixelEvent => ({ id: 'e-1', name, params });
