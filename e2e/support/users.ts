/** The demo accounts created by the demo seed (DEMO_DATA=true on an empty database). */
export const ROLES = ['admin', 'staff', 'director', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export interface DemoUser {
  email: string;
  password: string;
  /** The role label the toolbar shows (data-testid "user-role") in the Spanish build. */
  roleLabel: string;
  /** The partner's organisation, shown next to the role. */
  organisation?: string;
}

export const DEMO_USERS: Record<Role, DemoUser> = {
  admin: {
    email: 'admin@coopera.demo',
    password: 'Coopera-Admin-2024',
    roleLabel: 'Administración',
  },
  staff: {
    email: 'personal@coopera.demo',
    password: 'Coopera-Personal-2024',
    roleLabel: 'Personal técnico',
  },
  director: {
    email: 'direccion@coopera.demo',
    password: 'Coopera-Direccion-2024',
    roleLabel: 'Dirección',
  },
  partner: {
    email: 'giz@coopera.demo',
    password: 'Coopera-Socio-2024',
    roleLabel: 'Socio',
    organisation: 'GIZ',
  },
};
