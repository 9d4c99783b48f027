import { apiLanguage, currentLocale } from '../../core/i18n/locale';
import { todayIso } from '../../shared/forms';
import { ActionFilters, filtersToParams } from '../../shared/filter-bar/action-filters';
import type { DownloadRequest } from './downloads';

/** The six tables every list export holds (one CSV each, one sheet each in the workbook). */
export const EXPORT_TABLES = [
  'actions',
  'participations',
  'funding',
  'milestones',
  'results',
  'indicators',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const TABLE_LABELS: Record<ExportTable, string> = {
  actions: $localize`:@@export.table.actions:Acciones`,
  participations: $localize`:@@export.table.participations:Participaciones (socios y roles)`,
  funding: $localize`:@@export.table.funding:Financiamiento`,
  milestones: $localize`:@@export.table.milestones:Hitos`,
  results: $localize`:@@export.table.results:Resultados`,
  indicators: $localize`:@@export.table.indicators:Indicadores`,
};

const API = '/api/v1';
const enc = encodeURIComponent;

/**
 * The list's filters as export query parameters: the same narrowing the list sends
 * (`filtersToParams`), without paging and sort, which the export endpoints do not take.
 */
export function exportParams(filters: ActionFilters): Record<string, string> {
  const params = { ...filtersToParams(filters) } as Record<string, string>;
  delete params['page'];
  delete params['pageSize'];
  delete params['sort'];
  return params;
}

export type SheetLanguage = 'es' | 'en';

export const SHEET_LABELS: Record<SheetLanguage, string> = {
  es: $localize`:@@export.sheetEs:Ficha del proyecto (PDF, español)`,
  en: $localize`:@@export.sheetEn:Ficha del proyecto (PDF, inglés)`,
};
export const IATI_LABEL = $localize`:@@export.iati:IATI 2.03 (XML)`;
export const XLSX_LABEL = $localize`:@@export.xlsx:Libro de Excel (XLSX, 7 hojas)`;
export const PARTNER_MONEY_LABEL = $localize`:@@export.partnerMoney:Dinero por socio: aportado y en acciones donde participa (CSV)`;
export const TEMPLATE_LABEL = $localize`:@@export.template:Plantilla de importación (XLSX)`;

/** People's tables come labelled in the app's language (the import template never is). */
const peopleLang = (): SheetLanguage => apiLanguage(currentLocale());
/** The file name's table word in the app's language ("coopera-acciones-…"). */
const TABLE_FILE_WORDS: Record<SheetLanguage, Record<ExportTable, string>> = {
  es: {
    actions: 'acciones',
    participations: 'socios',
    funding: 'financiamiento',
    milestones: 'hitos',
    results: 'resultados',
    indicators: 'indicadores',
  },
  en: {
    actions: 'actions',
    participations: 'partners',
    funding: 'funding',
    milestones: 'milestones',
    results: 'results',
    indicators: 'indicators',
  },
};

export function tableLabel(table: ExportTable): string {
  return $localize`:@@export.csvTable:${TABLE_LABELS[table]}:table: (CSV)`;
}

/** GET /actions/:id/export/sheet.pdf?lang= */
export function actionSheet(id: string, code: string, lang: SheetLanguage): DownloadRequest {
  return {
    url: `${API}/actions/${enc(id)}/export/sheet.pdf`,
    params: { lang },
    fallbackName: `${code}-${lang === 'en' ? 'sheet' : 'ficha'}.pdf`,
    label: SHEET_LABELS[lang],
  };
}

/** GET /actions/:id/export/iati.xml */
export function actionIati(id: string, code: string): DownloadRequest {
  return {
    url: `${API}/actions/${enc(id)}/export/iati.xml`,
    fallbackName: `${code}-iati.xml`,
    label: IATI_LABEL,
  };
}

/** GET /exports/<table>.csv?id=<id>: one action's rows of a table. */
export function actionCsv(
  id: string,
  code: string,
  table: ExportTable,
  lang = peopleLang(),
): DownloadRequest {
  return {
    url: `${API}/exports/${table}.csv`,
    params: { id, lang },
    fallbackName: `${code}-${TABLE_FILE_WORDS[lang][table]}.csv`,
    label: tableLabel(table),
  };
}

/** GET /exports/portfolio.xlsx?id=<id>: one action's workbook (six sheets). */
export function actionXlsx(id: string, code: string, lang = peopleLang()): DownloadRequest {
  return {
    url: `${API}/exports/portfolio.xlsx`,
    params: { id, lang },
    fallbackName: `${code}.xlsx`,
    label: XLSX_LABEL,
  };
}

/** GET /exports/<table>.csv with the list's filters. */
export function listCsv(
  table: ExportTable,
  filters: ActionFilters,
  lang = peopleLang(),
): DownloadRequest {
  return {
    url: `${API}/exports/${table}.csv`,
    params: { ...exportParams(filters), lang },
    fallbackName: `coopera-${TABLE_FILE_WORDS[lang][table]}-${todayIso()}.csv`,
    label: tableLabel(table),
  };
}

/** The money currency of an export (MXN is the API's default: left out). */
const currencyParam = (currency: string): Record<string, string> =>
  currency === 'MXN' ? {} : { currency };

/**
 * GET /exports/partner-money.csv with the list's filters: per organisation, «aportado por el
 * socio» and «en acciones donde participa» for each key figure, in `currency`.
 */
export function listPartnerMoney(
  filters: ActionFilters,
  currency: string,
  lang = peopleLang(),
): DownloadRequest {
  return {
    url: `${API}/exports/partner-money.csv`,
    params: { ...exportParams(filters), ...currencyParam(currency), lang },
    fallbackName: `coopera-${lang === 'es' ? 'dinero-por-socio' : 'partner-money'}-${todayIso()}.csv`,
    label: PARTNER_MONEY_LABEL,
  };
}

/** GET /exports/portfolio.xlsx with the list's filters (partner money in `currency`). */
export function listXlsx(
  filters: ActionFilters,
  lang = peopleLang(),
  currency = 'MXN',
): DownloadRequest {
  return {
    url: `${API}/exports/portfolio.xlsx`,
    params: { ...exportParams(filters), ...currencyParam(currency), lang },
    fallbackName: `coopera-${lang === 'es' ? 'portafolio' : 'portfolio'}-${todayIso()}.xlsx`,
    label: XLSX_LABEL,
  };
}

/** GET /exports/import-template.xlsx: the same actions with the importer's headers and codes. */
export function listTemplate(filters: ActionFilters): DownloadRequest {
  return {
    url: `${API}/exports/import-template.xlsx`,
    params: exportParams(filters),
    fallbackName: `coopera-plantilla-importacion-${todayIso()}.xlsx`,
    label: TEMPLATE_LABEL,
  };
}

/** GET /exports/iati.xml with the list's filters. */
export function listIati(filters: ActionFilters): DownloadRequest {
  return {
    url: `${API}/exports/iati.xml`,
    params: exportParams(filters),
    fallbackName: `coopera-iati-${todayIso()}.xml`,
    label: IATI_LABEL,
  };
}

/** GET /shared/:token/sheet.pdf?lang= (no sign-in). */
export function sharedSheet(token: string, code: string, lang: SheetLanguage): DownloadRequest {
  return {
    url: `${API}/shared/${enc(token)}/sheet.pdf`,
    params: { lang },
    fallbackName: `${code}-${lang === 'en' ? 'sheet' : 'ficha'}.pdf`,
    label: SHEET_LABELS[lang],
  };
}

/** GET /shared/:token/iati.xml (no sign-in). */
export function sharedIati(token: string, code: string): DownloadRequest {
  return {
    url: `${API}/shared/${enc(token)}/iati.xml`,
    fallbackName: `${code}-iati.xml`,
    label: IATI_LABEL,
  };
}
