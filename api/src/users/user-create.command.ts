import type { INestApplicationContext } from '@nestjs/common';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../auth/access.decorator';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { AppError } from '../common/errors';
import { UsersService } from './users.service';

const USAGE = `Usage: npm run user:create -- --role <${ROLES.join('|')}> --email <email> [--name <name>] [--organisation <acronym or slug>]`;

/** The command's options, or null (after printing why) when they are not understood. */
function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      options: {
        role: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        organisation: { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return null;
  }
}

/** Reads a password without echoing it (or from COOPERA_PASSWORD / piped stdin for scripts). */
async function readPassword(prompt: string): Promise<string> {
  if (process.env['COOPERA_PASSWORD']) return process.env['COOPERA_PASSWORD'];
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({
    input: process.stdin,
    output,
    terminal: Boolean(process.stdin.isTTY),
  });
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.question(prompt, (answer) => resolve(answer));
      rl.on('close', () => reject(new Error('No password given (standard input closed).')));
      muted = true;
    });
  } finally {
    muted = false;
    process.stderr.write('\n');
    rl.close();
  }
}

/** `npm run user:create -- --role admin --email a@b.mx [--name "…"] [--organisation GIZ]` */
export async function createUserCommand(
  app: INestApplicationContext,
  args: string[],
): Promise<number> {
  const options = parseOptions(args);
  if (!options) return 1;
  const role = options.role as Role | undefined;
  const email = options.email;
  if (!role || !ROLES.includes(role) || !email) {
    console.error(USAGE);
    return 1;
  }
  const users = app.get(UsersService);
  let organisationId: string | undefined;
  const organisation = options.organisation;
  if (organisation) {
    const { DataSource } = await import('typeorm');
    const rows: { id: string }[] = await app
      .get(DataSource)
      .query(
        `SELECT id FROM organisations WHERE slug = lower($1) OR lower(acronym) = lower($1) LIMIT 1`,
        [organisation],
      );
    if (!rows[0]) {
      console.error(`No organisation "${organisation}".`);
      return 1;
    }
    organisationId = rows[0].id;
  }
  const password = await readPassword(
    `Password for ${email} (at least ${MIN_PASSWORD_LENGTH} characters): `,
  );
  if (password.length < MIN_PASSWORD_LENGTH) {
    console.error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    return 1;
  }
  try {
    const user = await users.create(
      { email, role, password, name: options.name ?? email, organisationId },
      { id: null, email: 'cli', requestId: null },
    );
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
