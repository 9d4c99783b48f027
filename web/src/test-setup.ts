import { vi } from 'vitest';
import { registerLocaleData } from '@angular/common';
import localeEn from '@angular/common/locales/en';
import localeEsMx from '@angular/common/locales/es-MX';
import '@angular/localize/init';

registerLocaleData(localeEsMx, 'es-MX');
registerLocaleData(localeEn, 'en');

// Component tests render Material forms and wait for them to settle: on a busy 2-core machine
// (CI beside a build) one can take longer than vitest's 5 s default without being stuck.
vi.setConfig({ testTimeout: 20_000 });
