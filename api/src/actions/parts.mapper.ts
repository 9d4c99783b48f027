import {
  DocumentDto,
  FundingDto,
  IndicatorDto,
  InstrumentDto,
  MilestoneDto,
  ParticipationDto,
  ResultDto,
} from './dto/action-response.dto';

/*
 * Rows of the part columns (PART_SOURCES in action-queries.ts) → the response DTOs, for the
 * action's detail and for the answer to a part's creation or update. Partners get no internal
 * notes.
 */

export type IndicatorRow = IndicatorDto & { resultId: string };
export type MilestoneRow = Omit<MilestoneDto, 'evidenceCount'>;
export type ResultRow = Omit<ResultDto, 'indicators' | 'evidenceCount'>;

/** The response DTO class of every kind of part (the OpenAPI document names them). */
export const PART_DTOS = {
  participations: ParticipationDto,
  instruments: InstrumentDto,
  funding: FundingDto,
  milestones: MilestoneDto,
  results: ResultDto,
  indicators: IndicatorDto,
  documents: DocumentDto,
};

/** The DTO of every kind of part, as the detail lists it. */
export type PartDtos = { [K in keyof typeof PART_DTOS]: InstanceType<(typeof PART_DTOS)[K]> };

export function toParticipationDto(row: ParticipationDto, partner = false): ParticipationDto {
  return partner ? { ...row, notes: null } : row;
}

export function toMilestoneDto(
  row: MilestoneRow,
  evidenceCount: number,
  partner = false,
): MilestoneDto {
  return { ...row, ...(partner ? { notes: null } : {}), evidenceCount };
}

export function toIndicatorDto(row: IndicatorRow, partner = false): IndicatorDto {
  const { resultId: _resultId, ...indicator } = row;
  return partner ? { ...indicator, notes: null } : indicator;
}

export function toResultDto(
  row: ResultRow,
  indicators: IndicatorRow[],
  evidenceCount: number,
  partner = false,
): ResultDto {
  return {
    ...row,
    evidenceCount,
    indicators: indicators.map((i) => toIndicatorDto(i, partner)),
  };
}
