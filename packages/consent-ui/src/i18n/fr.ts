import type { ConsentTexts } from '../../../core/src/consentConfig';

/** French texts of the consent UI. */
export const texts: ConsentTexts = {
  title: 'Confidentialité et cookies',
  description:
    'Avec votre consentement, nous utilisons des cookies et technologies similaires pour la mesure d’audience (savoir comment le site est utilisé) et le marketing (mesurer et personnaliser les publicités avec nos partenaires). Vous pouvez modifier votre choix à tout moment.',
  accept_all: 'Tout accepter',
  reject_all: 'Tout refuser',
  customize: 'Personnaliser',
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  policy: 'Politique de confidentialité',
  preferences_title: 'Paramètres de confidentialité',
  preferences_description:
    'Choisissez les finalités que vous acceptez. Les cookies nécessaires assurent le fonctionnement du site et ne peuvent pas être désactivés.',
  always_on: 'Toujours actifs',
  necessary: 'Nécessaires',
  necessary_description: 'Indispensables au fonctionnement du site et à la mémorisation de vos choix de confidentialité.',
  analytics: 'Mesure d’audience',
  analytics_description: 'Nous aide à comprendre comment les visiteurs utilisent le site, afin de l’améliorer.',
  marketing: 'Marketing',
  marketing_description: 'Permet à nos partenaires publicitaires de mesurer l’efficacité des annonces et de vous montrer des publicités pertinentes.',
  vendors: 'Partenaires',
  vendor_policy: 'Politique de confidentialité',
  vendor_purpose: 'Mesure et personnalisation publicitaires',
  gpc: 'Votre navigateur a envoyé un signal Global Privacy Control. Le marketing reste donc désactivé, sauf si vous l’activez vous-même.',
  opt_out_title: 'Vos choix en matière de confidentialité',
  opt_out_description:
    'Nos partenaires et nous utilisons des cookies pour la mesure d’audience et la publicité personnalisée, ce que certaines lois d’États américains considèrent comme une vente ou un partage d’informations personnelles. Vous pouvez vous y opposer à tout moment.',
  do_not_sell: 'Ne pas vendre ni partager mes informations personnelles',
  ok: 'OK',
  settings: 'Paramètres de confidentialité',
  placeholder: 'Ce contenu de {vendor} est bloqué tant que vous n’autorisez pas les cookies « {category} ».',
  placeholder_button: 'Autoriser et afficher',
};
