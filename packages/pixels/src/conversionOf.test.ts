import { describe, expect, it } from 'vitest';
import { conversionOf } from './conversionOf';
import type { MapOptions } from './types';

describe('conversionOf', () => {
  it.each<[string, string, MapOptions, string | number | undefined]>([
    ['the conversion configured for the event', 'purchase', { conversions: { purchase: 123 } }, 123],
    ['none configured', 'purchase', { conversions: { sign_up: 123 } }, undefined],
    ['no conversions at all', 'purchase', {}, undefined],
    ['a renamed event uses the conversion of its new name', 'quote_requested', { events: { quote_requested: 'generate_lead' }, conversions: { generate_lead: 'AW-1/x' } }, 'AW-1/x'],
    ['a turned-off event has none', 'purchase', { events: { purchase: false }, conversions: { purchase: 123 } }, undefined],
    ['never a key of Object.prototype', 'constructor', { conversions: {} }, undefined],
  ])('%s', (_, canonical, options, expected) => {
    expect(conversionOf(canonical, options)).toBe(expected);
  });
});
