/* The command line's grammar: which commands exist and how many arguments each takes. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: node dist/api/cli.js <command>
  migrate                     apply pending migrations
  revert                      revert the last migration
  migration:generate <Name>   write migrations/<ms>-<Name>.ts from the entity changes
  check                       fail when entities and migrations disagree
  seed                        load the demo portfolio into an empty database
  openapi <file>              write the OpenAPI document (JSON) to <file>
  user:create --role <role> --email <email> [--name <name>] [--organisation <acronym>]
  backup [file]               write a consistent backup (default backups/coopera-<UTC time>.backup)
  restore <file>              restore a backup into a new, empty database
`;

/**
 * Each command and the most positional arguments it takes. A missing one is the command's to
 * report (it knows the words); user:create reads its own options (users/user-create.command.ts).
 */
const COMMANDS = {
  migrate: { maxArgs: 0 },
  revert: { maxArgs: 0 },
  'migration:generate': { maxArgs: 1 },
  check: { maxArgs: 0 },
  seed: { maxArgs: 0 },
  openapi: { maxArgs: 1 },
  'user:create': { ownOptions: true },
  backup: { maxArgs: 1 },
  restore: { maxArgs: 1 },
} as const satisfies Record<string, { maxArgs: number } | { ownOptions: true }>;

export type Command = keyof typeof COMMANDS;

export type CommandLine =
  | { command: Command; args: string[] }
  /** Print `message` (usage or error) and end with `exitCode`. */
  | { command: null; message: string; exitCode: number };

const isCommand = (name: string): name is Command => Object.hasOwn(COMMANDS, name);

/**
 * Reads `argv` (after `node cli.js`): the command and its arguments, or what to print instead.
 * No command prints the usage (exit 0); an unknown command, an option the command does not
 * take or one argument too many is an error with the usage (exit 1).
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const [name, ...rest] = argv;
  if (name === undefined) return { command: null, message: USAGE, exitCode: 0 };
  if (!isCommand(name))
    return { command: null, message: `Unknown command "${name}".\n${USAGE}`, exitCode: 1 };
  const spec: { maxArgs?: number; ownOptions?: boolean } = COMMANDS[name];
  if (spec.ownOptions) return { command: name, args: rest };
  const { tokens } = parseArgs({ args: rest, strict: false, allowPositionals: true, tokens: true });
  const option = tokens.find((t) => t.kind === 'option');
  if (option?.kind === 'option') {
    const message = `Unknown option "${option.rawName}": ${name} takes no options.`;
    return { command: null, message: `${message}\n${USAGE}`, exitCode: 1 };
  }
  const args = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  if (args.length > (spec.maxArgs ?? 0)) {
    const message = `Too many arguments for ${name}: ${args.slice(spec.maxArgs).join(' ')}`;
    return { command: null, message: `${message}\n${USAGE}`, exitCode: 1 };
  }
  return { command: name, args };
}
