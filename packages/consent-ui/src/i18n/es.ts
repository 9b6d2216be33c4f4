import type { ConsentTexts } from '../../../core/src/consentConfig';

/** Spanish texts of the consent UI. */
export const texts: ConsentTexts = {
  title: 'Privacidad y cookies',
  description:
    'Con tu consentimiento, usamos cookies y tecnologías similares para analítica (saber cómo se usa el sitio) y marketing (medir y personalizar anuncios con nuestros socios). Puedes cambiar tu elección en cualquier momento.',
  accept_all: 'Aceptar todo',
  reject_all: 'Rechazar todo',
  customize: 'Personalizar',
  save: 'Guardar selección',
  close: 'Cerrar',
  policy: 'Política de privacidad',
  preferences_title: 'Preferencias de privacidad',
  preferences_description:
    'Elige qué finalidades permites. Las cookies necesarias hacen que el sitio funcione y no se pueden desactivar.',
  always_on: 'Siempre activas',
  necessary: 'Necesarias',
  necessary_description: 'Imprescindibles para que el sitio funcione y para recordar tus preferencias de privacidad.',
  analytics: 'Analítica',
  analytics_description: 'Nos ayuda a entender cómo usan el sitio los visitantes para poder mejorarlo.',
  marketing: 'Marketing',
  marketing_description: 'Permite a nuestros socios publicitarios medir los resultados de los anuncios y mostrarte publicidad relevante.',
  vendors: 'Socios',
  vendor_policy: 'Política de privacidad',
  vendor_purpose: 'Medición y personalización de la publicidad',
  gpc: 'Tu navegador ha enviado una señal Global Privacy Control, así que el marketing sigue desactivado salvo que lo actives tú.',
  opt_out_title: 'Tus opciones de privacidad',
  opt_out_description:
    'Nosotros y nuestros socios usamos cookies para analítica y publicidad personalizada, lo que las leyes de algunos estados de EE. UU. consideran venta o cesión de información personal. Puedes oponerte en cualquier momento.',
  do_not_sell: 'No vender ni compartir mi información personal',
  ok: 'Entendido',
  settings: 'Configuración de privacidad',
  placeholder: 'Este contenido de {vendor} está bloqueado hasta que permitas las cookies de la categoría «{category}».',
  placeholder_button: 'Permitir y mostrar',
};
