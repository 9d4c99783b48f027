import type { EntityManager } from 'typeorm';
import { PART_SOURCES, PartSourceKind } from './action-queries';
import {
  IndicatorRow,
  MilestoneRow,
  PartDtos,
  ResultRow,
  toIndicatorDto,
  toMilestoneDto,
  toResultDto,
} from './parts.mapper';

async function rowsOf<T>(m: EntityManager, kind: PartSourceKind, where: string, id: string) {
  const { select, from, order } = PART_SOURCES[kind];
  return (await m.query(`SELECT ${select} FROM ${from} WHERE ${where} ORDER BY ${order}`, [
    id,
  ])) as T[];
}

async function evidenceCount(m: EntityManager, column: 'milestone_id' | 'result_id', id: string) {
  const [row]: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM evidence_files WHERE ${column} = $1`,
    [id],
  );
  return row.n;
}

/**
 * One part as the action's detail shows it (names of organisations, a milestone's status, the
 * evidence counted, a result's indicators): the answer to its creation or update, read in the
 * same transaction.
 */
export async function readPartDto<K extends PartSourceKind>(
  m: EntityManager,
  kind: K,
  id: string,
): Promise<PartDtos[K]> {
  const [row] = await rowsOf<never>(m, kind, `${PART_SOURCES[kind].alias}.id = $1`, id);
  const dtos: { [P in PartSourceKind]?: () => Promise<PartDtos[P]> } = {
    milestones: async () =>
      toMilestoneDto(row as MilestoneRow, await evidenceCount(m, 'milestone_id', id)),
    results: async () =>
      toResultDto(
        row as ResultRow,
        await rowsOf<IndicatorRow>(m, 'indicators', 'i.result_id = $1', id),
        await evidenceCount(m, 'result_id', id),
      ),
    indicators: async () => toIndicatorDto(row as IndicatorRow),
  };
  const mapped = dtos[kind] as (() => Promise<PartDtos[K]>) | undefined;
  return mapped ? mapped() : (row as PartDtos[K]);
}
