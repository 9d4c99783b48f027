import type { ActionStage, ProgressScheme } from '../../core/api/models';
import { rowsPercent, stageRows } from './progress.model';

const scheme: ProgressScheme = {
  stages: [
    { stage: 'planning', weight: 10 },
    { stage: 'programming', weight: 10 },
    { stage: 'budgeting', weight: 10 },
    { stage: 'execution', weight: 40 },
    { stage: 'evaluation', weight: 30 },
  ],
  levels: [{ min: 0, labelEs: 'Sin avance', labelEn: 'No progress', colour: '#9e9e9e' }],
};

const reached = (stage: ActionStage['stage']): ActionStage => ({
  id: stage,
  actionId: 'a',
  stage,
  reachedOn: '2024-01-10',
  evidenceUrl: null,
  evidenceDate: null,
  notes: null,
  version: 1,
  createdAt: '2024-01-10T17:00:00.000Z',
  updatedAt: '2024-01-10T17:00:00.000Z',
});

describe('progress rows', () => {
  it('lists the five stages in the order of the scheme, reached or not', () => {
    const rows = stageRows(scheme, [reached('programming'), reached('planning')]);
    expect(rows.map((r) => [r.stage, r.weight, r.record?.id ?? null])).toEqual([
      ['planning', 10, 'planning'],
      ['programming', 10, 'programming'],
      ['budgeting', 10, null],
      ['execution', 40, null],
      ['evaluation', 30, null],
    ]);
    expect(rowsPercent(rows)).toBe(20);
  });

  it('does not count a stage reached after a gap until the gap is filled', () => {
    const gap = stageRows(scheme, [reached('planning'), reached('execution')]);
    expect(gap.map((r) => r.counts)).toEqual([true, false, false, false, false]);
    expect(rowsPercent(gap)).toBe(10);
    const full = stageRows(
      scheme,
      (['planning', 'programming', 'budgeting', 'execution', 'evaluation'] as const).map(reached),
    );
    expect(rowsPercent(full)).toBe(100);
  });

  it('counts nothing without stages', () => {
    expect(rowsPercent(stageRows(scheme, []))).toBe(0);
  });
});
