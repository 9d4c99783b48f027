import { humanDate } from '../common/human-dates';
import { labelOf } from '../common/vocabulary';
import type { OpenMilestoneRow } from './notifications.service';

export interface DigestRecipient {
  name: string;
  email: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Hito (Taller)" — the milestone's type from the shared vocabulary. */
const milestoneWord = (m: OpenMilestoneRow) =>
  `Hito (${labelOf('milestoneType', m.milestoneType, 'es')})`;

function dueText(m: OpenMilestoneRow): string {
  if (m.kind === 'overdue') return `${plural(m.daysLate, 'día', 'días')} de atraso`;
  if (m.daysLeft === 0) return 'vence hoy';
  return `en ${plural(m.daysLeft, 'día', 'días')}`;
}

/** The weekly digest of one person, in Spanish: subject, plain text and simple HTML. */
export function digestMail(
  recipient: DigestRecipient,
  items: OpenMilestoneRow[],
  period: string,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const overdue = items.filter((i) => i.kind === 'overdue');
  const upcoming = items.filter((i) => i.kind === 'upcoming');
  const link = (m: OpenMilestoneRow) => `${appUrl}/acciones/${m.actionId}`;
  const parts = [
    overdue.length ? plural(overdue.length, 'hito atrasado', 'hitos atrasados') : '',
    upcoming.length ? plural(upcoming.length, 'hito próximo', 'hitos próximos') : '',
  ].filter(Boolean);
  const subject = `Coopera · Resumen semanal ${period}: ${parts.join(' y ')}`;

  const textSection = (title: string, list: OpenMilestoneRow[]) =>
    list.length
      ? [
          `${title} (${list.length})`,
          ...list.flatMap((m) => [
            `- ${m.actionCode} · ${m.actionTitleEs}`,
            `  ${milestoneWord(m)}: ${m.milestoneTitle} — previsto el ${humanDate(m.dueDate, 'es')} (${dueText(m)})`,
            `  ${link(m)}`,
          ]),
          '',
        ]
      : [];
  const text = [
    `Hola, ${recipient.name}:`,
    '',
    `Este es el resumen de la semana ${period} de los hitos de las acciones a tu cargo.`,
    '',
    ...textSection('Hitos atrasados', overdue),
    ...textSection(`Próximos 7 días`, upcoming),
    `Registra la fecha real de cada hito cumplido o reprograma su fecha prevista en Coopera: ${appUrl}/acciones`,
    '',
    '—',
    'Coopera. Recibes este correo porque eres responsable de estas acciones; se envía una vez por semana.',
  ].join('\n');

  const htmlSection = (title: string, list: OpenMilestoneRow[]) =>
    list.length
      ? `<h2 style="font-size:16px;margin:24px 0 8px">${esc(title)} (${list.length})</h2>
<ul style="padding-left:20px;margin:0">${list
          .map(
            (m) =>
              `<li style="margin-bottom:8px"><a href="${esc(link(m))}">${esc(m.actionCode)} · ${esc(
                m.actionTitleEs,
              )}</a><br>${esc(milestoneWord(m))}: <strong>${esc(m.milestoneTitle)}</strong> — previsto el ${esc(
                humanDate(m.dueDate, 'es'),
              )} (${esc(dueText(m))})</li>`,
          )
          .join('')}</ul>`
      : '';
  const html = `<!doctype html>
<html lang="es-MX"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body style="font-family:Roboto,Arial,sans-serif;color:#1d1b20;line-height:1.5">
<p>Hola, ${esc(recipient.name)}:</p>
<p>Este es el resumen de la semana ${esc(period)} de los hitos de las acciones a tu cargo.</p>
${htmlSection('Hitos atrasados', overdue)}
${htmlSection('Próximos 7 días', upcoming)}
<p style="margin-top:24px">Registra la fecha real de cada hito cumplido o reprograma su fecha prevista en <a href="${esc(
    `${appUrl}/acciones`,
  )}">Coopera</a>.</p>
<p style="color:#49454f;font-size:12px">Recibes este correo porque eres responsable de estas acciones; se envía una vez por semana.</p>
</body></html>`;
  return { subject, text, html };
}
