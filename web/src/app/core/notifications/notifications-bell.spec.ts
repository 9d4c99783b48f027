import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Component } from '@angular/core';
import { provideRouter } from '@angular/router';
import type { Notifications } from '../api/models';
import { NotificationsBell } from './notifications-bell';

const data: Notifications = {
  items: [
    {
      id: 'm1',
      kind: 'overdue',
      milestoneType: 'study_delivered',
      milestoneTitle: 'Entrega del estudio de movilidad',
      dueDate: '2026-11-13',
      daysLate: 10,
      daysLeft: 0,
      actionId: 'a1',
      actionCode: 'IMEPLAN-2019-CFF',
      actionTitleEs: 'Ruta eléctrica en el Sistema Integrado Peribús',
      actionTitleEn: null,
      responsibleName: 'Gerencia Técnica',
      read: false,
    },
    {
      id: 'm2',
      kind: 'upcoming',
      milestoneType: 'workshop',
      milestoneTitle: 'Taller de arranque',
      dueDate: '2026-11-24',
      daysLate: 0,
      daysLeft: 1,
      actionId: 'a2',
      actionCode: 'IMEPLAN-2018-PIMUS',
      actionTitleEs: 'PIMUS',
      actionTitleEn: null,
      responsibleName: null,
      read: true,
    },
  ],
  unreadCount: 1,
  overdueCount: 1,
  upcomingCount: 1,
  windowDays: 7,
  scope: 'responsible',
  today: '2026-11-23',
};

@Component({ selector: 'app-blank', template: '' })
class Blank {}

async function setup() {
  TestBed.configureTestingModule({
    imports: [NotificationsBell],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'acciones/:id', component: Blank }]),
      // Material 21 animates with CSS; this turns it off (no @angular/animations needed).
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  const fixture = TestBed.createComponent(NotificationsBell);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/v1/notifications').flush(data);
  await fixture.whenStable();
  fixture.detectChanges();
  const bell = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(
    '[data-testid="notifications-bell"]',
  );
  if (!bell) throw new Error('no bell');
  return { fixture, http, bell };
}

describe('notifications bell', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('names the unread count on the button and shows it as a badge', async () => {
    const { bell } = await setup();
    expect(bell.getAttribute('aria-label')).toBe('Notificaciones: 1 sin leer');
    expect(bell.querySelector('.mat-badge-content')?.textContent?.trim()).toBe('1');
  });

  it('lists overdue then upcoming milestones linking to their actions; opening one marks it read', async () => {
    const { bell, http, fixture } = await setup();
    bell.click();
    http.expectOne('/api/v1/notifications').flush(data);
    await fixture.whenStable();
    fixture.detectChanges();
    const items = Array.from(
      document.querySelectorAll<HTMLAnchorElement>('[data-testid="notification"]'),
    );
    expect(items.map((i) => i.getAttribute('href'))).toEqual(['/acciones/a1', '/acciones/a2']);
    expect(items[0].textContent).toContain('Entrega del estudio de movilidad');
    expect(items[0].textContent).toContain('10 días de atraso');
    expect(items[0].textContent).toContain('Sin leer');
    expect(items[1].textContent).toContain('en 1 día');
    expect(items[1].textContent).not.toContain('Sin leer');
    items[0].click();
    const read = http.expectOne('/api/v1/notifications/read');
    expect(read.request.body).toEqual({ ids: ['m1'] });
    read.flush({ ...data, unreadCount: 0, items: data.items.map((i) => ({ ...i, read: true })) });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(bell.getAttribute('aria-label')).toBe('Notificaciones');
  });
});

describe('notifications bell: dismissing', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('dismisses an entry without closing the panel and focuses the entry in its place', async () => {
    const { bell, http, fixture } = await setup();
    bell.click();
    http.expectOne('/api/v1/notifications').flush(data);
    await fixture.whenStable();
    fixture.detectChanges();
    const buttons = Array.from(
      document.querySelectorAll<HTMLButtonElement>('[data-testid="notification-dismiss"]'),
    );
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Descartar: Entrega del estudio de movilidad',
      'Descartar: Taller de arranque',
    ]);
    buttons[0].focus();
    buttons[0].click();
    const dismiss = http.expectOne('/api/v1/notifications/dismiss');
    expect(dismiss.request.body).toEqual({ ids: ['m1'] });
    dismiss.flush({
      ...data,
      items: [data.items[1]],
      unreadCount: 0,
      overdueCount: 0,
    });
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    const items = Array.from(
      document.querySelectorAll<HTMLAnchorElement>('[data-testid="notification"]'),
    );
    // Still open, without the dismissed entry, and the keyboard goes on from the next one.
    expect(items.map((i) => i.getAttribute('href'))).toEqual(['/acciones/a2']);
    expect(document.activeElement).toBe(items[0]);
    expect(bell.getAttribute('aria-label')).toBe('Notificaciones');
  });

  it('says so when a dismissal fails, and keeps the entry', async () => {
    const { bell, http, fixture } = await setup();
    bell.click();
    http.expectOne('/api/v1/notifications').flush(data);
    await fixture.whenStable();
    fixture.detectChanges();
    document.querySelector<HTMLButtonElement>('[data-testid="notification-dismiss"]')?.click();
    http
      .expectOne('/api/v1/notifications/dismiss')
      .flush({ code: 'INTERNAL' }, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(
      document.querySelector('[data-testid="notifications-action-error"]')?.textContent,
    ).toContain('No se pudo guardar el cambio');
    expect(document.querySelectorAll('[data-testid="notification"]')).toHaveLength(2);
  });
});
