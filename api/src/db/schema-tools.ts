import { writeFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';

export interface SchemaQuery {
  query: string;
  parameters?: unknown[];
}

export interface SchemaDiff {
  up: SchemaQuery[];
  down: SchemaQuery[];
}

/** The SQL TypeORM would run to make the database match the entities (empty when in sync). */
export async function schemaDiff(dataSource: DataSource): Promise<SchemaDiff> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((q) => ({ query: q.query, parameters: q.parameters })),
    down: sql.downQueries.map((q) => ({ query: q.query, parameters: q.parameters })).reverse(),
  };
}

const escape = (q: string) =>
  q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
const line = (q: SchemaQuery) =>
  q.parameters?.length
    ? `    await queryRunner.query(\`${escape(q.query)}\`, ${JSON.stringify(q.parameters)});`
    : `    await queryRunner.query(\`${escape(q.query)}\`);`;

/**
 * Writes `migrations/<ms>-<Name>.ts` from the difference between the migrated database and the
 * entities, and registers it in `migrations/index.ts`. Returns the file written.
 */
export function writeMigration(
  dir: string,
  name: string,
  diff: SchemaDiff,
  now = Date.now(),
): string {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error(`Migration name must be PascalCase (e.g. AddMilestoneEvidence), got "${name}"`);
  }
  const className = `${name}${now}`;
  const file = `${now}-${name}`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(line).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map(line).join('\n')}
  }
}
`;
  const path = resolve(dir, `${file}.ts`);
  writeFileSync(path, body);
  const indexPath = resolve(dir, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(/(\/\/ imports:end)/, `import { ${className} } from './${file}';\n$1`)
    .replace(/(\s*\/\/ list:end)/, `\n  ${className},$1`);
  writeFileSync(indexPath, index);
  return path;
}
