import { registerLocaleData } from '@angular/common';
import localeEn from '@angular/common/locales/en';
import localeEsMx from '@angular/common/locales/es-MX';
import '@angular/localize/init';

registerLocaleData(localeEsMx, 'es-MX');
registerLocaleData(localeEn, 'en');
