import type { DatePrecision } from '../common/entity/columns';
import data from './portfolio.data.json';

/** The shape of portfolio.data.json: the real portfolio read from the seed documents. */
export interface SeedOrganisation {
  key: string;
  name: string;
  acronym: string | null;
  type: string;
  country: string | null;
  iatiRef: string | null;
  website: string | null;
  notes: string | null;
}

export interface SeedAction {
  code: string;
  institute: string;
  kind: string;
  titleEs: string;
  titleEn: string | null;
  summaryEs: string | null;
  summaryEn: string | null;
  objectives: string | null;
  instituteRole: string;
  scheme: string | null;
  modality: string | null;
  status: string | null;
  themes: string[];
  unit: string | null;
  municipalities: string[];
  sdgs: number[];
  planAlignment: string[];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualStartPrecision: DatePrecision | null;
  actualEnd: string | null;
  actualEndPrecision: DatePrecision | null;
  parentProgramme: string | null;
  relatedCodes: string[];
  source: { key: string; locator: string } | null;
  notes: string | null;
  participations: { org: string; role: string; notes: string | null }[];
  instruments: {
    type: string;
    title: string;
    parties: string[];
    signedOn: string | null;
    signedOnPrecision: DatePrecision | null;
    validFrom: string | null;
    validTo: string | null;
    documentUrl: string | null;
  }[];
  funding: {
    type: string;
    amount: string;
    currency: string | null;
    valueDate: string | null;
    valueDatePrecision: DatePrecision | null;
    provider: string | null;
    receiver: string | null;
    description: string | null;
  }[];
  milestones: {
    type: string;
    title: string;
    date: string;
    datePrecision: DatePrecision;
    notes: string | null;
  }[];
  results: {
    statement: string;
    indicators: {
      name: string;
      unit: string | null;
      baseline: string | null;
      target: string | null;
      actual: string | null;
      actualDate: string | null;
      notes: string | null;
    }[];
  }[];
}

export interface PortfolioData {
  sources: { key: string; title: string; file: string }[];
  organisations: SeedOrganisation[];
  actions: SeedAction[];
  boardSessions: unknown[];
}

export const PORTFOLIO = data as unknown as PortfolioData;
