import type { ActionDetail } from '../../core/api/models';
import {
  ActionFormValue,
  changedByUser,
  conflictRows,
  patchBody,
  toFormValue,
} from './action-edit.model';

const base: ActionFormValue = toFormValue({
  id: 'a1',
  code: 'IMEPLAN-2019-CFF',
  kind: 'cooperation_project',
  titleEs: 'Ruta eléctrica en el Sistema Integrado Peribús',
  titleEn: null,
  status: 'implementation',
  instituteRole: 'recipient',
  modality: 'technical',
  scheme: null,
  themes: ['movilidad'],
  municipalities: ['Guadalajara', 'Zapopan'],
  sdgs: [11, 13],
  summaryEs: null,
  summaryEn: null,
  objectives: null,
  unit: null,
  planAlignment: [],
  parentProgramme: 'C40 Cities Finance Facility',
  relatedActions: [],
  source: null,
  notes: null,
  institute: null,
  partners: [],
  plannedStart: '2019-06-01',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  overdueMilestones: 0,
  progress: {
    percent: 0,
    stage: null,
    labelEs: 'Sin avance',
    labelEn: 'No progress',
    colour: '#9e9e9e',
  },
  responsible: null,
  version: 3,
  updatedAt: '2024-01-01T00:00:00Z',
  archivedAt: null,
  createdAt: '2019-01-14T00:00:00Z',
  actualStartPrecision: null,
  actualEndPrecision: null,
  participations: [],
  instruments: [],
  funding: [],
  milestones: [],
  results: [],
  documents: [],
  evidence: [],
} as ActionDetail);

describe('conflict diff', () => {
  it('lists nothing when nobody changed anything', () => {
    expect(conflictRows(base, { ...base }, { ...base })).toEqual([]);
  });

  it('tells my changes, theirs and clashes apart', () => {
    const mine = { ...base, titleEn: 'Electric route', status: 'closed', unit: 'Gerencia' };
    const current = { ...base, status: 'finalisation', plannedEnd: '2021-01-31', unit: 'Gerencia' };
    const rows = conflictRows(base, mine, current);
    expect(rows.map((r) => r.field)).toEqual(['titleEn', 'status', 'plannedEnd', 'unit']);
    const by = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(by['titleEn']).toMatchObject({
      changedByMe: true,
      changedByOthers: false,
      clash: false,
    });
    expect(by['status']).toMatchObject({
      base: 'En ejecución',
      mine: 'Concluida',
      current: 'En cierre',
      changedByMe: true,
      changedByOthers: true,
      clash: true,
    });
    expect(by['plannedEnd']).toMatchObject({ changedByMe: false, changedByOthers: true });
    // Both made the same change: listed, but not a clash.
    expect(by['unit']).toMatchObject({ changedByMe: true, changedByOthers: true, clash: false });
  });

  it('shows themes and the responsible person by name, never by code or id', () => {
    const names = {
      theme: (code: string) => ({ movilidad: 'Movilidad', agua: 'Agua' })[code] ?? code,
      person: (id: string) => (id === 'u1' ? 'Ana López' : id),
    };
    const mine = { ...base, themes: 'movilidad, agua' };
    const current = { ...base, responsibleId: 'u1' };
    const rows = conflictRows(base, mine, current, names);
    const by = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(by['themes']).toMatchObject({ base: 'Movilidad', mine: 'Movilidad, Agua' });
    expect(by['responsibleId']).toMatchObject({ base: '', current: 'Ana López' });
  });

  it('labels rows with the form labels', () => {
    const rows = conflictRows(base, { ...base, titleEs: 'Otro título' }, base);
    expect(rows).toHaveLength(1);
    expect(rows[0].label).toBe('Título (español)');
  });

  it('compares lists by their items, not their spacing', () => {
    const mine = { ...base, municipalities: 'Guadalajara,Zapopan', sdgs: '11,13 ' };
    expect(changedByUser(base, mine)).toEqual([]);
    expect(conflictRows(base, mine, base)).toEqual([]);
    expect(changedByUser(base, { ...base, sdgs: '11' })).toEqual(['sdgs']);
  });

  it('ignores surrounding spaces in text', () => {
    expect(changedByUser(base, { ...base, titleEs: ` ${base.titleEs}  ` })).toEqual([]);
  });
});

describe('PATCH body from the changed fields', () => {
  it('sends lists as arrays, SDGs as numbers and clears emptied fields with null', () => {
    const mine = {
      ...base,
      themes: 'movilidad, género',
      sdgs: '5, 11',
      parentProgramme: '',
      status: '',
      titleEs: ' Nuevo título ',
    };
    const fields = changedByUser(base, mine);
    expect(patchBody(mine, fields)).toEqual({
      titleEs: 'Nuevo título',
      status: null,
      themes: ['movilidad', 'género'],
      sdgs: [5, 11],
      parentProgramme: null,
    });
  });
});
