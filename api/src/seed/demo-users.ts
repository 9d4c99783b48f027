import type { Role } from '../auth/access.decorator';

/** Demo accounts, created only with DEMO_DATA (the embedded demo database). Printed in the README. */
export const DEMO_USERS: {
  email: string;
  name: string;
  role: Role;
  password: string;
  organisation?: string;
}[] = [
  {
    email: 'admin@coopera.demo',
    name: 'Administración Coopera',
    role: 'admin',
    password: 'Coopera-Admin-2024',
  },
  {
    email: 'personal@coopera.demo',
    name: 'Gerencia Técnica de Cooperación',
    role: 'staff',
    password: 'Coopera-Personal-2024',
  },
  {
    email: 'direccion@coopera.demo',
    name: 'Dirección General',
    role: 'director',
    password: 'Coopera-Direccion-2024',
  },
  {
    email: 'giz@coopera.demo',
    name: 'Enlace GIZ',
    role: 'partner',
    password: 'Coopera-Socio-2024',
    organisation: 'giz',
  },
];
