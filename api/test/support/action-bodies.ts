import { uniqueCode } from './factories';

/**
 * The body of an action with partners (`giz` funds and implements), funding, milestones (one
 * past, one overdue, one ahead) and a result, created in one request.
 */
export function actionWithParts(giz: string, overrides: Record<string, unknown> = {}) {
  return {
    code: uniqueCode(),
    kind: 'cooperation_project',
    titleEs: 'Árbol IoT: el internet de los árboles',
    summaryEs: 'Plataforma ciudadana para el arbolado urbano.',
    instituteRole: 'recipient',
    status: 'implementation',
    modality: 'technical',
    themes: ['arbolado-urbano'],
    municipalities: ['Zapopan'],
    sdgs: [11, 13],
    actualStart: '2017-09-01',
    participations: [
      { organisationId: giz, role: 'funding' },
      { organisationId: giz, role: 'implementing' },
    ],
    funding: [
      {
        type: 'ceiling',
        amount: '16187025.00',
        currency: 'MXN',
        valueDate: '2019-01-14',
        providerId: giz,
      },
    ],
    milestones: [
      {
        type: 'pilot',
        title: 'Primer piloto en Lomas de Polanco',
        actualDate: '2018-09-01',
        datePrecision: 'month',
      },
      { type: 'closure', title: 'Taller de cierre', plannedDate: '2001-01-01' },
      { type: 'workshop', title: 'Taller futuro', plannedDate: '2099-06-01' },
    ],
    results: [
      {
        statement: 'Árboles validados',
        indicators: [{ name: 'Árboles validados', unit: 'árboles', actual: '1000' }],
      },
    ],
    ...overrides,
  };
}
