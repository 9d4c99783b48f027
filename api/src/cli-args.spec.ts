import { parseCommandLine, USAGE } from './cli-args';

describe('the command line', () => {
  it('reads each command with its arguments as the npm scripts pass them', () => {
    expect(parseCommandLine(['migrate'])).toEqual({ command: 'migrate', args: [] });
    expect(parseCommandLine(['migration:generate', 'AddThing'])).toEqual({
      command: 'migration:generate',
      args: ['AddThing'],
    });
    expect(parseCommandLine(['openapi', 'web/openapi.json'])).toEqual({
      command: 'openapi',
      args: ['web/openapi.json'],
    });
    expect(parseCommandLine(['backup'])).toEqual({ command: 'backup', args: [] });
    expect(parseCommandLine(['restore', 'b.backup'])).toEqual({
      command: 'restore',
      args: ['b.backup'],
    });
    // A file name that starts with a dash goes after "--".
    expect(parseCommandLine(['backup', '--', '-odd.backup'])).toEqual({
      command: 'backup',
      args: ['-odd.backup'],
    });
  });

  it('leaves user:create its own options, in any form', () => {
    const args = ['--role', 'staff', '--email=a@b.mx', '--name', 'Ana'];
    expect(parseCommandLine(['user:create', ...args])).toEqual({ command: 'user:create', args });
  });

  it('prints the usage without a command, and fails on an unknown one', () => {
    expect(parseCommandLine([])).toEqual({ command: null, message: USAGE, exitCode: 0 });
    const unknown = parseCommandLine(['migarte']);
    expect(unknown).toMatchObject({ command: null, exitCode: 1 });
    expect(unknown.command === null && unknown.message).toBe(
      `Unknown command "migarte".\n${USAGE}`,
    );
  });

  it('names an option the command does not take, long or short, and never runs it', () => {
    for (const [argv, flag] of [
      [['migrate', '--dry-run'], '--dry-run'],
      [['check', '-f'], '-f'],
      [['backup', 'file.backup', '--compress=9'], '--compress'],
      [['restore', '--force', 'file.backup'], '--force'],
    ] as const) {
      const line = parseCommandLine([...argv]);
      expect(line).toMatchObject({ command: null, exitCode: 1 });
      expect(line.command === null && line.message).toContain(
        `Unknown option "${flag}": ${argv[0]} takes no options.\nUsage:`,
      );
    }
  });

  it('refuses an argument too many', () => {
    const line = parseCommandLine(['restore', 'a.backup', 'b.backup']);
    expect(line).toMatchObject({ command: null, exitCode: 1 });
    expect(line.command === null && line.message).toMatch(
      /^Too many arguments for restore: b\.backup\n/,
    );
    expect(parseCommandLine(['seed', 'now'])).toMatchObject({ command: null, exitCode: 1 });
  });
});
