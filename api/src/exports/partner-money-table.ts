import type { FigureTotalsDto, PartnerTotalsDto } from '../dashboard/dto/dashboard.dto';
import { labelOf, type Lang } from '../common/vocabulary';

/** The four key figures, in the order every money table shows them. */
export const PARTNER_FIGURES = ['ceilings', 'committed', 'executed', 'inKind'] as const;
type Figure = (typeof PARTNER_FIGURES)[number];
type Side = 'provided' | 'participation';

const FIGURE_LABELS: Record<Figure, Record<Lang, string>> = {
  ceilings: { es: 'Topes', en: 'Ceilings' },
  committed: { es: 'Comprometido', en: 'Committed' },
  executed: { es: 'Ejercido', en: 'Executed' },
  inKind: { es: 'En especie', en: 'In kind' },
};

/** The two named figures of a partner's money (docs/money.md), never added together. */
export const SIDE_LABELS: Record<Side, Record<Lang, string>> = {
  provided: { es: 'Aportado por el socio', en: 'Provided by the partner' },
  participation: { es: 'En acciones donde participa', en: 'In actions it takes part in' },
};

/** An organisation taking part in (or providing money to) the actions of an export's filter. */
export interface PartnerRow {
  id: string;
  name: string;
  acronym: string | null;
  type: string | null;
  country: string | null;
  actions: number;
}

export interface PartnerMoneyColumn {
  header: string;
  kind: 'text' | 'number' | 'money';
  width: number;
}

/**
 * The partner money table (CSV `exports/partner-money.csv`, workbook sheet «Dinero por socio»):
 * per organisation, both figures for each key figure in `currency`, labelled side by side, and
 * how many records each leaves out (not converted). Machine headers without `lang`.
 */
export function partnerMoneyColumns(currency: string, lang: Lang | null): PartnerMoneyColumn[] {
  const c = currency.toLowerCase();
  const plain = (
    key: string,
    es: string,
    en: string,
    kind: PartnerMoneyColumn['kind'],
    width = 16,
  ) => ({
    header: lang ? (lang === 'es' ? es : en) : key,
    kind,
    width,
  });
  const money = (side: Side, figure: Figure) =>
    plain(
      `${side}_${figure}_${c}`,
      `${SIDE_LABELS[side].es}: ${FIGURE_LABELS[figure].es} (${currency})`,
      `${SIDE_LABELS[side].en}: ${FIGURE_LABELS[figure].en} (${currency})`,
      'money',
      22,
    );
  return [
    plain('organisation', 'Organización', 'Organisation', 'text', 40),
    plain('acronym', 'Siglas', 'Acronym', 'text', 12),
    plain('type', 'Tipo', 'Type', 'text', 20),
    plain('country', 'País', 'Country', 'text', 8),
    plain('actions', 'Acciones donde participa', 'Actions it takes part in', 'number', 12),
    ...PARTNER_FIGURES.flatMap((figure) => [
      money('provided', figure),
      money('participation', figure),
    ]),
    plain(
      'provided_unconverted',
      `${SIDE_LABELS.provided.es}: registros sin convertir`,
      `${SIDE_LABELS.provided.en}: records not converted`,
      'number',
    ),
    plain(
      'participation_unconverted',
      `${SIDE_LABELS.participation.es}: registros sin convertir`,
      `${SIDE_LABELS.participation.en}: records not converted`,
      'number',
    ),
  ];
}

/** One organisation's cells, in the order of `partnerMoneyColumns`. */
export function partnerMoneyCells(
  row: PartnerRow,
  totals: PartnerTotalsDto | undefined,
  lang: Lang | null,
): (string | null)[] {
  const figures = (side: Side): FigureTotalsDto | undefined => totals?.[side];
  return [
    row.name,
    row.acronym,
    lang ? labelOf('organisationType', row.type, lang) || null : row.type,
    row.country,
    String(row.actions),
    ...PARTNER_FIGURES.flatMap((figure) => [
      figures('provided')?.[figure] ?? '0.00',
      figures('participation')?.[figure] ?? '0.00',
    ]),
    String(figures('provided')?.unconverted ?? 0),
    String(figures('participation')?.unconverted ?? 0),
  ];
}

export const PARTNER_MONEY_LABEL: Record<Lang, string> = {
  es: 'Dinero por socio',
  en: 'Partner money',
};
