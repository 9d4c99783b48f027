import { randomUUID } from 'node:crypto';
import { createUserCommand } from '../src/users/user-create.command';
import { bootTestApp, TestApp } from './support/test-app';

/** `npm run user:create`: the command line's options, as an operator types them. */
describe('user:create command', () => {
  let t: TestApp;
  let errors: string[];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    t = await bootTestApp();
    process.env['COOPERA_PASSWORD'] = 'a-long-enough-password';
  });
  afterAll(async () => {
    delete process.env['COOPERA_PASSWORD'];
    await t.close();
  });
  beforeEach(() => {
    errors = [];
    spy = jest
      .spyOn(console, 'error')
      .mockImplementation((m: unknown) => void errors.push(String(m)));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const usersNamed = async (email: string) =>
    (await t.db.query(`SELECT role, name FROM users WHERE email = $1`, [email])) as {
      role: string;
      name: string;
    }[];

  it('creates the account with the options given in any order, also as --name=value', async () => {
    const email = `cli-${randomUUID()}@imeplan.mx`;
    const code = await createUserCommand(t.app, [
      '--email',
      email,
      '--name=Ana Pérez',
      '--role',
      'staff',
    ]);
    expect(code).toBe(0);
    expect(await usersNamed(email)).toEqual([{ role: 'staff', name: 'Ana Pérez' }]);
  });

  it('refuses an unknown option with the usage and creates nothing', async () => {
    const email = `cli-${randomUUID()}@imeplan.mx`;
    const code = await createUserCommand(t.app, ['--role', 'staff', '--email', email, '--admin']);
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/Unknown option '--admin'[\s\S]*Usage: npm run user:create/);
    expect(await usersNamed(email)).toEqual([]);
    expect(spy).toHaveBeenCalled();
  });

  it('refuses a missing e-mail or an unknown role', async () => {
    expect(await createUserCommand(t.app, ['--role', 'staff'])).toBe(1);
    expect(await createUserCommand(t.app, ['--role', 'king', '--email', 'k@imeplan.mx'])).toBe(1);
    expect(errors.every((e) => e.startsWith('Usage:'))).toBe(true);
    expect(await usersNamed('k@imeplan.mx')).toEqual([]);
  });
});
