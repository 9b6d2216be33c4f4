import type { ConsentTexts } from '../../../core/src/consentConfig';

/** English texts of the consent UI. */
export const texts: ConsentTexts = {
  title: 'Cookies and your privacy',
  description:
    'With your consent, we use cookies and similar technologies for analytics (to see how the site is used) and marketing (to measure and personalise ads with our partners). You can change your choice at any time.',
  accept_all: 'Accept all',
  reject_all: 'Reject all',
  customize: 'Customize',
  save: 'Save choices',
  close: 'Close',
  policy: 'Privacy policy',
  preferences_title: 'Privacy preferences',
  preferences_description: 'Choose the purposes you allow. Necessary cookies keep the site working and cannot be turned off.',
  always_on: 'Always on',
  necessary: 'Necessary',
  necessary_description: 'Needed for the site to work and to remember your privacy choices.',
  analytics: 'Analytics',
  analytics_description: 'Helps us understand how visitors use the site, so we can improve it.',
  marketing: 'Marketing',
  marketing_description: 'Lets our advertising partners measure the results of ads and show you relevant ones.',
  vendors: 'Partners',
  vendor_policy: 'Privacy policy',
  vendor_purpose: 'Ad measurement and personalisation',
  gpc: 'Your browser sent a Global Privacy Control signal, so marketing stays off unless you turn it on.',
  opt_out_title: 'Your privacy choices',
  opt_out_description:
    'We and our partners use cookies for analytics and personalised ads, which some US state laws treat as selling or sharing personal information. You can opt out at any time.',
  do_not_sell: 'Do not sell or share my personal information',
  ok: 'OK',
  settings: 'Privacy settings',
  placeholder: 'This content from {vendor} is blocked until you allow {category} cookies.',
  placeholder_button: 'Allow and show',
};
