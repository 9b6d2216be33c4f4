import type { ConsentTexts } from '../../../core/src/consentConfig';

/** German texts of the consent UI. */
export const texts: ConsentTexts = {
  title: 'Datenschutz und Cookies',
  description:
    'Mit Ihrer Einwilligung verwenden wir Cookies und ähnliche Technologien für Analyse (um zu sehen, wie die Website genutzt wird) und Marketing (um mit unseren Partnern Werbung zu messen und zu personalisieren). Sie können Ihre Wahl jederzeit ändern.',
  accept_all: 'Alle akzeptieren',
  reject_all: 'Alle ablehnen',
  customize: 'Anpassen',
  save: 'Auswahl speichern',
  close: 'Schließen',
  policy: 'Datenschutzerklärung',
  preferences_title: 'Datenschutzeinstellungen',
  preferences_description:
    'Wählen Sie, welchen Zwecken Sie zustimmen. Notwendige Cookies halten die Website funktionsfähig und können nicht deaktiviert werden.',
  always_on: 'Immer aktiv',
  necessary: 'Notwendig',
  necessary_description: 'Erforderlich, damit die Website funktioniert und Ihre Datenschutzeinstellungen gespeichert bleiben.',
  analytics: 'Analyse',
  analytics_description: 'Hilft uns zu verstehen, wie Besucher die Website nutzen, damit wir sie verbessern können.',
  marketing: 'Marketing',
  marketing_description: 'Ermöglicht unseren Werbepartnern, den Erfolg von Anzeigen zu messen und Ihnen passende Werbung zu zeigen.',
  vendors: 'Partner',
  vendor_policy: 'Datenschutzerklärung',
  vendor_purpose: 'Messung und Personalisierung von Werbung',
  gpc: 'Ihr Browser hat das Signal „Global Privacy Control“ gesendet. Marketing bleibt daher deaktiviert, solange Sie es nicht selbst einschalten.',
  opt_out_title: 'Ihre Datenschutzoptionen',
  opt_out_description:
    'Wir und unsere Partner verwenden Cookies für Analyse und personalisierte Werbung. Nach den Gesetzen einiger US-Bundesstaaten kann das als Verkauf oder Weitergabe personenbezogener Daten gelten. Sie können jederzeit widersprechen.',
  do_not_sell: 'Meine personenbezogenen Daten nicht verkaufen oder weitergeben',
  ok: 'OK',
  settings: 'Datenschutzeinstellungen',
  placeholder: 'Dieser Inhalt von {vendor} ist blockiert, bis Sie Cookies der Kategorie „{category}“ erlauben.',
  placeholder_button: 'Erlauben und anzeigen',
};
