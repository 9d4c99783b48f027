import { MigrationInterface, QueryRunner } from 'typeorm';

/** The demo portfolio's themes with their labels (the slugs its actions already carry). */
const SEED: [code: string, es: string, en: string][] = [
  ['cambio-climatico', 'Cambio climático', 'Climate change'],
  ['movilidad', 'Movilidad', 'Mobility'],
  ['innovacion', 'Innovación', 'Innovation'],
  ['planeacion', 'Planeación', 'Planning'],
  ['medio-ambiente', 'Medio ambiente', 'Environment'],
  ['genero', 'Género', 'Gender'],
  ['participacion-ciudadana', 'Participación ciudadana', 'Citizen participation'],
  ['migracion', 'Migración', 'Migration'],
  ['gobernanza-metropolitana', 'Gobernanza metropolitana', 'Metropolitan governance'],
  ['arbolado-urbano', 'Arbolado urbano', 'Urban trees'],
  ['vivienda', 'Vivienda', 'Housing'],
  ['inclusion-social', 'Inclusión social', 'Social inclusion'],
  ['residuos', 'Residuos', 'Waste'],
  ['economia-local', 'Economía local', 'Local economy'],
  ['seguridad', 'Seguridad', 'Safety'],
  ['resiliencia', 'Resiliencia', 'Resilience'],
  ['calidad-del-aire', 'Calidad del aire', 'Air quality'],
  ['justicia-civica', 'Justicia cívica', 'Civic justice'],
  ['salud-publica', 'Salud pública', 'Public health'],
  ['infraestructura', 'Infraestructura', 'Infrastructure'],
  ['espacios-verdes', 'Espacios verdes', 'Green spaces'],
  ['cohesion-social', 'Cohesión social', 'Social cohesion'],
  ['convivencia', 'Convivencia', 'Coexistence'],
  ['diversidad-sexual', 'Diversidad sexual', 'Sexual diversity'],
  ['agua', 'Agua', 'Water'],
];

/**
 * Themes become a managed list (code, Spanish and English label; admins add and rename). Actions
 * keep referencing theme codes in `actions.themes`, so dashboards, filters and IATI keep working.
 * Two themes may not share a label ignoring case and accents ("Cambio climático" =
 * "cambio climatico"): unique indexes on the folded labels. Nothing cached reads this table (the
 * web and the documents label codes themselves), so it has no data-version trigger.
 */
export class AddThemesAndEvidenceDate1797200000001 implements MigrationInterface {
  name = 'AddThemesAndEvidenceDate1797200000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "themes" (
        "code" text NOT NULL,
        "label_es" text NOT NULL,
        "label_en" text NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "themes_code_check" CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT "PK_themes_code" PRIMARY KEY ("code")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "themes_label_es_key" ON "themes" (public.coopera_fold(btrim(label_es)))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "themes_label_en_key" ON "themes" (public.coopera_fold(btrim(label_en)))`,
    );
    await q.query(
      `INSERT INTO themes (code, label_es, label_en)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [SEED.map((s) => s[0]), SEED.map((s) => s[1]), SEED.map((s) => s[2])],
    );
    // Other slugs actions already carry become themes too, labelled from the slug
    // ("economia-circular" → "Economia circular") until an admin renames them.
    await q.query(`
      INSERT INTO themes (code, label_es, label_en)
      SELECT code, label, label FROM (
        SELECT DISTINCT t AS code, upper(left(replace(t, '-', ' '), 1)) || substr(replace(t, '-', ' '), 2) AS label
          FROM actions, unnest(themes) AS t
         WHERE t ~ '^[a-z0-9]+(-[a-z0-9]+)*$'
      ) s ORDER BY code
      ON CONFLICT DO NOTHING`);
    // The date of a progress stage's evidence (never in the future, checked by the API).
    await q.query(`ALTER TABLE "action_stages" ADD "evidence_date" date`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "action_stages" DROP COLUMN "evidence_date"`);
    await q.query(`DROP TABLE "themes"`);
  }
}
