import type { Role } from '../api/models';

/** What the web app shows or hides per role. The API enforces the same rules; this only avoids dead ends. */
export type Capability =
  | 'portfolio.view'
  | 'portfolio.edit'
  | 'partners.view'
  | 'dashboard.view'
  | 'users.manage'
  | 'rates.manage'
  | 'notes.view'
  | 'board.view'
  | 'board.edit'
  | 'settings.manage'
  | 'themes.manage';

const GRANTS: Record<Role, readonly Capability[]> = {
  admin: [
    'portfolio.view',
    'portfolio.edit',
    'partners.view',
    'dashboard.view',
    'users.manage',
    'rates.manage',
    'notes.view',
    'board.view',
    'board.edit',
    'settings.manage',
    'themes.manage',
  ],
  staff: [
    'portfolio.view',
    'portfolio.edit',
    'partners.view',
    'dashboard.view',
    'notes.view',
    'board.view',
    'board.edit',
  ],
  director: ['portfolio.view', 'partners.view', 'dashboard.view', 'notes.view', 'board.view'],
  partner: ['portfolio.view', 'partners.view', 'dashboard.view'],
};

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role ? GRANTS[role].includes(capability) : false;
}
