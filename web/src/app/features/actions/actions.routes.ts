import { Route } from '@angular/router';
import { capabilityGuard } from '../../core/auth/auth.guard';
import { unsavedChangesGuard } from './unsaved-changes.guard';

export const actionsRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.actions:Acciones · Coopera`,
    loadComponent: () => import('./action-list').then((m) => m.ActionList),
  },
  {
    path: 'nueva',
    title: $localize`:@@title.newAction:Nueva acción · Coopera`,
    canActivate: [capabilityGuard('portfolio.edit')],
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./action-form').then((m) => m.ActionForm),
  },
  {
    path: ':id/editar',
    title: $localize`:@@title.editAction:Editar acción · Coopera`,
    canActivate: [capabilityGuard('portfolio.edit')],
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./action-form').then((m) => m.ActionForm),
  },
  {
    path: ':id',
    title: $localize`:@@title.action:Acción · Coopera`,
    loadComponent: () => import('./action-detail').then((m) => m.ActionDetail),
  },
];
