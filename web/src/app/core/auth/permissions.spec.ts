import { ROLES } from '../api/models';
import { can } from './permissions';

describe('role-based visibility', () => {
  it('lets only staff and admins edit the portfolio', () => {
    expect(ROLES.filter((r) => can(r, 'portfolio.edit'))).toEqual(['admin', 'staff']);
  });

  it('shows user administration to admins only', () => {
    expect(ROLES.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
  });

  it('hides internal notes from partners', () => {
    expect(can('partner', 'notes.view')).toBe(false);
    expect(can('director', 'notes.view')).toBe(true);
  });

  it('lets every role read the portfolio and nobody signed out', () => {
    expect(ROLES.every((r) => can(r, 'portfolio.view'))).toBe(true);
    expect(can(null, 'portfolio.view')).toBe(false);
  });

  it('opens board follow-up to staff and directors (staff write) and progress settings to admins', () => {
    expect(ROLES.filter((r) => can(r, 'board.view'))).toEqual(['admin', 'staff', 'director']);
    expect(ROLES.filter((r) => can(r, 'board.edit'))).toEqual(['admin', 'staff']);
    expect(ROLES.filter((r) => can(r, 'settings.manage'))).toEqual(['admin']);
  });
});
