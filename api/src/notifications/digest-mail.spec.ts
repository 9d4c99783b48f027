import { digestMail } from './digest-mail';
import { pooled } from './mailer.service';
import type { OpenMilestoneRow } from './notifications.service';

const row = (over: Partial<OpenMilestoneRow>): OpenMilestoneRow => ({
  id: 'm1',
  kind: 'overdue',
  milestoneType: 'workshop',
  milestoneTitle: 'Taller',
  dueDate: '2026-11-20',
  daysLate: 3,
  daysLeft: 0,
  actionId: 'a1',
  actionCode: 'IMEPLAN-1',
  actionTitleEs: 'Acción',
  actionTitleEn: null,
  responsibleId: 'u1',
  responsibleName: 'Ana',
  ...over,
});

describe('digestMail', () => {
  it('counts in the subject with Spanish plurals and says "vence hoy" for today', () => {
    const mail = digestMail(
      { name: 'Ana', email: 'ana@example.org' },
      [
        row({ daysLate: 1 }),
        row({ id: 'm2', daysLate: 5 }),
        row({ id: 'm3', kind: 'upcoming', daysLate: 0, daysLeft: 0 }),
      ],
      '2026-W48',
      'https://coopera.example.org',
    );
    expect(mail.subject).toBe(
      'Coopera · Resumen semanal 2026-W48: 2 hitos atrasados y 1 hito próximo',
    );
    expect(mail.text).toContain('(1 día de atraso)');
    expect(mail.text).toContain('(5 días de atraso)');
    expect(mail.text).toContain('(vence hoy)');
    expect(mail.text).toContain('https://coopera.example.org/acciones/a1');
  });

  it('escapes HTML in titles and names', () => {
    const mail = digestMail(
      { name: '<Ana & Beto>', email: 'a@example.org' },
      [row({ milestoneTitle: '"Taller" <b>', actionTitleEs: "O'Hara & Co" })],
      '2026-W48',
      'https://x.example.org',
    );
    expect(mail.html).toContain('&lt;Ana &amp; Beto&gt;');
    expect(mail.html).toContain('&quot;Taller&quot; &lt;b&gt;');
    expect(mail.html).toContain('O&#39;Hara &amp; Co');
    expect(mail.html).not.toContain('<b>');
  });
});

describe('pooled', () => {
  it('turns pooling on unless the URL says otherwise, keeping credentials', () => {
    expect(pooled('smtp://user:p%40ss@mail.example.org:587')).toBe(
      'smtp://user:p%40ss@mail.example.org:587?pool=true',
    );
    expect(pooled('smtps://mail.example.org?pool=false')).toBe(
      'smtps://mail.example.org?pool=false',
    );
  });
});
