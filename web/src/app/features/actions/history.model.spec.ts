import type { HistoryEntry } from '../../core/api/models';
import { describeHistory } from './history.model';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: '1',
  at: '2026-12-06T21:30:00.000Z',
  actorEmail: 'ana@coopera.mx',
  actorName: 'Ana Ruiz',
  operation: 'update',
  entity: 'action',
  entityId: 'a1',
  before: null,
  after: null,
  ...over,
});

describe('describeHistory', () => {
  it('names a changed field and shows its before → after, by the actor name, in Mexico City time', () => {
    const line = describeHistory(
      entry({
        before: { titleEs: 'Antes', version: 1 },
        after: { titleEs: 'Después', version: 2 },
      }),
      'es-MX',
    );
    expect(line.who).toBe('Ana Ruiz');
    expect(line.what).toBe('Se modificó la acción');
    expect(line.changes).toEqual([{ field: 'Título (es)', before: 'Antes', after: 'Después' }]);
    // 21:30 UTC is 15:30 in Mexico City (UTC−6), whatever the machine's zone.
    expect(line.when).toContain('15:30');
    expect(line.when).toContain('2026');
    expect(line.when).toMatch(/dic/);
  });

  it('shows coded values by their labels', () => {
    const line = describeHistory(
      entry({ before: { status: 'implementation' }, after: { status: 'finalisation' } }),
      'es-MX',
    );
    expect(line.changes).toEqual([{ field: 'Estado', before: 'En ejecución', after: 'En cierre' }]);
  });

  it('reads a create as one event, naming the record', () => {
    const milestone = describeHistory(
      entry({
        operation: 'create',
        entity: 'milestone',
        after: { title: 'Visita técnica', type: 'technical_visit' },
      }),
      'es-MX',
    );
    expect(milestone.what).toBe('Se añadió un hito «Visita técnica»');
    expect(milestone.changes).toEqual([]);
    expect(describeHistory(entry({ operation: 'create', after: {} }), 'es-MX').what).toBe(
      'Se creó la acción',
    );
  });

  it('phrases an evidence upload as an event', () => {
    const line = describeHistory(
      entry({ operation: 'create', entity: 'evidence', after: { fileName: 'acta.pdf' } }),
      'es-MX',
    );
    expect(line.what).toBe('Se subió «acta.pdf»');
    expect(line.changes).toEqual([]);
  });

  it('phrases a share-link use as an event, without an e-mail or id as the actor', () => {
    const line = describeHistory(
      entry({
        entity: 'share_link_use',
        actorEmail: 'share-link:3f1c',
        actorName: null,
        after: { viewed: 'sheet' },
      }),
      'es-MX',
    );
    expect(line.what).toBe('Se usó el enlace compartido');
    expect(line.who).toBe('Enlace compartido');
    expect(line.changes).toEqual([]);
  });
});
