import { catalog } from '../i18n/index.js';

export const httpTexts = catalog({
  nl: {
    foreignHost:
      'Deze pagina is alleen bereikbaar via localhost, 127.0.0.1 of een naam uit de instelling ALLOWED_HOSTS. Open hem via http://localhost:<poort>/, of zet de naam waarmee je hem opent in ALLOWED_HOSTS.',
  },
  en: {
    foreignHost:
      'This page is only reachable through localhost, 127.0.0.1 or a name in the ALLOWED_HOSTS setting. Open it at http://localhost:<port>/, or add the name you use to ALLOWED_HOSTS.',
  },
});
