import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOOGLE_EVENTS } from './google';
import { META_EVENTS } from './meta';
import { PINTEREST_EVENTS } from './pinterest';
import { REDDIT_EVENTS } from './reddit';
import { SNAP_EVENTS } from './snap';
import { TIKTOK_EVENTS } from './tiktok';

// The README's table of platforms is this data, not a copy kept by hand: on a mismatch,
// paste the expected table from the failure between the README's platforms markers.
const CANONICAL = ['page_view', 'view_item', 'view_item_list', 'search', 'add_to_cart', 'add_to_wishlist', 'begin_checkout', 'add_payment_info', 'purchase', 'generate_lead', 'sign_up'];
const COLUMNS: [string, { [canonical: string]: string }][] = [
  ['Meta', META_EVENTS],
  ['TikTok', TIKTOK_EVENTS],
  ['Google (GA4)', GOOGLE_EVENTS],
  ['Pinterest', PINTEREST_EVENTS],
  ['Snap', SNAP_EVENTS],
  ['Reddit', REDDIT_EVENTS],
];

function platformTable(): string {
  const cell = (map: { [canonical: string]: string }, name: string) => (map[name] ? `\`${map[name]}\`` : '—');
  return [
    `| canonical | ${COLUMNS.map(([p]) => p).join(' | ')} | LinkedIn, X |`,
    `|---|${COLUMNS.map(() => '---').join('|')}|---|`,
    ...CANONICAL.map((name) => `| \`${name}\` | ${COLUMNS.map(([, map]) => cell(map, name)).join(' | ')} | the conversion id you configure |`),
  ].join('\n');
}

describe('README', () => {
  it('shows the event names of the mapping data', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.split('<!-- platforms:start -->')[1]?.split('<!-- platforms:end -->')[0]?.trim();
    expect(table).toBe(platformTable());
  });
});
