import { registerLocaleData } from '@angular/common';
import localeEn from '@angular/common/locales/en';
import localeEsMx from '@angular/common/locales/es-MX';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

registerLocaleData(localeEsMx, 'es-MX');
registerLocaleData(localeEn, 'en');

bootstrapApplication(App, appConfig).catch((err) => console.error(err));
