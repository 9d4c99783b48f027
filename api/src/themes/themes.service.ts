import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import { inTransaction } from '../common/transaction';
import { VersionedWriter } from '../common/versioned-write';
import { slugify } from '../common/slug';
import type { Label, Lang } from '../common/vocabulary';
import { CreateThemeDto, ThemeDto, UpdateThemeDto } from './dto/theme.dto';

const SELECT = `SELECT t.code, t.label_es AS "labelEs", t.label_en AS "labelEn", t.version,
  (SELECT count(*)::int FROM actions a WHERE a.themes @> ARRAY[t.code]) AS "actionCount"
  FROM themes t`;

/** Folded for comparison: accents, case and runs of spaces ignored. */
const FOLD = (sql: string) =>
  `regexp_replace(coopera_fold(btrim(${sql})), '[[:space:]]+', ' ', 'g')`;

/** A code's label when the list lacks it (old data, imports): "economia-circular" → "Economia circular". */
export function readableCode(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The labels of the managed list, with a readable fallback for codes it lacks. */
export class ThemeLabels {
  constructor(private readonly labels: Map<string, Label>) {}
  label(code: string, lang: Lang): string {
    return this.labels.get(code)?.[lang] ?? readableCode(code);
  }
}

@Injectable()
export class ThemesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
  ) {}

  async list(): Promise<ThemeDto[]> {
    return this.dataSource.query(`${SELECT} ORDER BY coopera_fold(t.label_es), t.code`);
  }

  /** The labels every document (PDF, spreadsheet) writes instead of codes. */
  async labels(manager?: EntityManager): Promise<ThemeLabels> {
    const rows: { code: string; es: string; en: string }[] = await (
      manager ?? this.dataSource.manager
    ).query(`SELECT code, label_es AS es, label_en AS en FROM themes`);
    return new ThemeLabels(new Map(rows.map((r) => [r.code, { es: r.es, en: r.en }])));
  }

  private async get(m: EntityManager, code: string): Promise<ThemeDto> {
    const rows: ThemeDto[] = await m.query(`${SELECT} WHERE t.code = $1`, [code]);
    if (!rows[0]) throw AppError.notFound('THEME_NOT_FOUND');
    return rows[0];
  }

  /**
   * Refuses (409 THEME_DUPLICATE, `details.existing`) a theme whose code, or either label, is
   * already a label of another theme, ignoring case, accents and spacing: "cambio climatico"
   * is "Cambio climático".
   */
  private async assertNoDuplicate(
    m: EntityManager,
    candidate: { code: string; labelEs: string; labelEn: string },
    exceptCode: string | null,
  ): Promise<void> {
    const rows: { code: string }[] = await m.query(
      `SELECT code FROM themes
        WHERE ($4::text IS NULL OR code <> $4)
          AND (code = $1
               OR ${FOLD('label_es')} IN (${FOLD('$2::text')}, ${FOLD('$3::text')})
               OR ${FOLD('label_en')} IN (${FOLD('$2::text')}, ${FOLD('$3::text')}))
        ORDER BY code LIMIT 1`,
      [candidate.code, candidate.labelEs, candidate.labelEn, exceptCode],
    );
    if (rows[0])
      throw new AppError(HttpStatus.CONFLICT, 'THEME_DUPLICATE', {
        existing: await this.get(m, rows[0].code),
      });
  }

  async create(input: CreateThemeDto, actor: Actor): Promise<ThemeDto> {
    return inTransaction(this.dataSource, async (m) => {
      // Two admins adding the same theme at once: the second waits, then sees the first.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('themes:write'))`);
      const code = input.code ?? slugify(input.labelEs);
      await this.assertNoDuplicate(m, { ...input, code }, null);
      await m.query(`INSERT INTO themes (code, label_es, label_en) VALUES ($1, $2, $3)`, [
        code,
        input.labelEs,
        input.labelEn,
      ]);
      const created = await this.get(m, code);
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'theme',
        entityId: code,
        after: created,
      });
      return created;
    });
  }

  /** Renames (the code stays: actions keep pointing at it). */
  async update(code: string, input: UpdateThemeDto, actor: Actor): Promise<ThemeDto> {
    return inTransaction(this.dataSource, async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('themes:write'))`);
      const before = await this.get(m, code);
      const next = {
        code,
        labelEs: input.labelEs ?? before.labelEs,
        labelEn: input.labelEn ?? before.labelEn,
      };
      await this.assertNoDuplicate(m, next, code);
      return this.versioned.update(m, actor, {
        target: { entity: 'theme', entityId: code },
        before,
        write: () =>
          m.query(
            `UPDATE themes SET label_es = $3, label_en = $4, version = version + 1, updated_at = now()
              WHERE code = $1 AND version = $2 RETURNING code`,
            [code, input.version, next.labelEs, next.labelEn],
          ),
        read: () => this.get(m, code),
        // Writes to themes are serialised by the advisory lock: the row read is the current one.
        current: async () => before,
      });
    });
  }

  /**
   * The codes for what a client sent as an action's themes: a code stays as it is; a label
   * (either language, any case or accents: "cambio climático") or a spelling whose slug is a
   * code ("Cambio-Climatico") becomes that theme's code; anything else is kept as sent.
   */
  async resolveCodes(m: EntityManager, values: string[]): Promise<string[]> {
    if (!values.length) return values;
    const rows: { i: number; code: string | null }[] = await m.query(
      `SELECT v.i::int, (SELECT t.code FROM themes t
                           WHERE t.code = v.value OR t.code = v.slug
                              OR ${FOLD('t.label_es')} = ${FOLD('v.value')}
                              OR ${FOLD('t.label_en')} = ${FOLD('v.value')}
                           ORDER BY t.code = v.value DESC, t.code LIMIT 1) AS code
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS v(value, slug, i)`,
      [values, values.map((v) => slugify(v))],
    );
    const codes = rows.sort((a, b) => a.i - b.i).map((r, k) => r.code ?? values[k]);
    return [...new Set(codes)];
  }
}
