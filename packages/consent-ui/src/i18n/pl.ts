import type { ConsentTexts } from '../../../core/src/consentConfig';

/** Polish texts of the consent UI. */
export const texts: ConsentTexts = {
  title: 'Prywatność i pliki cookie',
  description:
    'Za Twoją zgodą używamy plików cookie i podobnych technologii do celów analitycznych (aby wiedzieć, jak korzystasz z serwisu) i marketingowych (aby z naszymi partnerami mierzyć skuteczność reklam i dopasowywać je do Ciebie). Swój wybór możesz zmienić w każdej chwili.',
  accept_all: 'Zaakceptuj wszystkie',
  reject_all: 'Odrzuć wszystkie',
  customize: 'Dostosuj',
  save: 'Zapisz wybór',
  close: 'Zamknij',
  policy: 'Polityka prywatności',
  preferences_title: 'Ustawienia prywatności',
  preferences_description:
    'Wybierz, na które cele wyrażasz zgodę. Niezbędne pliki cookie zapewniają działanie serwisu i nie można ich wyłączyć.',
  always_on: 'Zawsze włączone',
  necessary: 'Niezbędne',
  necessary_description: 'Potrzebne do działania serwisu i zapamiętania Twoich ustawień prywatności.',
  analytics: 'Analityczne',
  analytics_description: 'Pomagają nam zrozumieć, jak odwiedzający korzystają z serwisu, abyśmy mogli go ulepszać.',
  marketing: 'Marketingowe',
  marketing_description: 'Pozwalają naszym partnerom reklamowym mierzyć skuteczność reklam i wyświetlać Ci trafniejsze reklamy.',
  vendors: 'Partnerzy',
  vendor_policy: 'Polityka prywatności',
  vendor_purpose: 'Pomiar skuteczności i personalizacja reklam',
  gpc: 'Twoja przeglądarka wysłała sygnał Global Privacy Control, dlatego marketingowe pliki cookie pozostają wyłączone, dopóki ich nie włączysz.',
  opt_out_title: 'Twoje wybory dotyczące prywatności',
  opt_out_description:
    'Wraz z partnerami używamy plików cookie do analityki i reklam spersonalizowanych, co według przepisów niektórych stanów USA może oznaczać sprzedaż lub udostępnianie danych osobowych. W każdej chwili możesz z tego zrezygnować.',
  do_not_sell: 'Nie sprzedawaj ani nie udostępniaj moich danych osobowych',
  ok: 'OK',
  settings: 'Ustawienia prywatności',
  placeholder: 'Ta treść ({vendor}) jest zablokowana, dopóki nie zezwolisz na pliki cookie z kategorii „{category}”.',
  placeholder_button: 'Zezwól i wyświetl',
};
