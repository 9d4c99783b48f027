import { randomUUID } from 'node:crypto';
import { slugify } from '../../common/slug';
import { ORGANISATION_TYPES } from '../../organisations/organisation.entity';
import { nameKey } from '../iati-values';
import type { ImportLocation } from '../import-model';
import { Rec, same } from './db-columns';
import type { PlanContext } from './plan-context';
import { describe, norm } from './plan-util';

export interface Org {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  type: string;
  country: string | null;
  iati_ref: string | null;
}

/** What a row says about an organisation: an id, a name, an IATI ref, attributes. */
export interface WantedOrg {
  id?: string | null;
  name?: string | null;
  ref?: string | null;
  /** Attributes the row states (acronym, type, country): they update a known organisation. */
  attrs?: Rec;
  /** Attributes of a new organisation only (the IATI type of a participating-org). */
  defaults?: Rec;
}

/**
 * The organisations of one plan: those stored and those the file creates, found by id, IATI ref,
 * then name (without case or accents only within the ref-less group). Every row that names an
 * organisation goes through {@link orgFor}; what rows state about a known one becomes one update,
 * and two rows stating different values are a conflict.
 */
export class OrganisationBook {
  private readonly byId = new Map<string, Org>();
  private readonly byName = new Map<string, Org>();
  private readonly byRef = new Map<string, Org>();
  /** Organisations without a ref, by name without case or accents (the ref-less group). */
  private readonly byRefless = new Map<string, Org>();
  private readonly slugs: Set<string>;
  private readonly created = new Set<string>();
  private readonly wanted = new Map<string, { values: Rec; location: ImportLocation }>();

  constructor(
    private readonly ctx: PlanContext,
    stored: Org[],
  ) {
    this.slugs = new Set(stored.map((o) => o.slug));
    for (const o of stored) this.index(o);
  }

  /** The organisation a row names, created when unknown; its attributes as the row states them. */
  orgFor(location: ImportLocation, column: string, want: WantedOrg): string | null {
    const org = this.find(want);
    if (!org) return this.create(location, column, want);
    this.restate(org, location, column, want);
    return org.id;
  }

  private index(o: Org): void {
    this.byId.set(o.id, o);
    if (!this.byName.has(norm(o.name))) this.byName.set(norm(o.name), o);
    if (o.iati_ref && !this.byRef.has(o.iati_ref)) this.byRef.set(o.iati_ref, o);
    if (!o.iati_ref && !this.byRefless.has(nameKey(o.name))) this.byRefless.set(nameKey(o.name), o);
  }

  /**
   * By id, then ref, then name: without case or accents within the ref-less group; an
   * organisation with another ref is never taken for one with a ref; without a ref, the same
   * name (case aside) is.
   */
  private find(want: WantedOrg): Org | undefined {
    return (
      (want.id ? this.byId.get(want.id) : undefined) ??
      (want.ref ? this.byRef.get(want.ref) : undefined) ??
      (want.name
        ? (this.byRefless.get(nameKey(want.name)) ??
          (want.ref ? undefined : this.byName.get(norm(want.name))))
        : undefined)
    );
  }

  private uniqueSlug(name: string): string {
    const base = slugify(name);
    let slug = base;
    for (let i = 2; this.slugs.has(slug); i++) slug = `${base.slice(0, 55)}-${i}`;
    this.slugs.add(slug);
    return slug;
  }

  private create(location: ImportLocation, column: string, want: WantedOrg): string | null {
    const name = want.name?.trim() || want.ref;
    if (!name) return null;
    const stated = { ...(want.defaults ?? {}), ...(want.attrs ?? {}) };
    const type = (stated.type as string | null) ?? 'other';
    const id = want.id && !this.byId.has(want.id) ? want.id : randomUUID();
    const org: Org = {
      id,
      slug: this.uniqueSlug(name),
      name: want.name ?? name,
      acronym: (stated.acronym as string | null) ?? null,
      type: (ORGANISATION_TYPES as readonly string[]).includes(type) ? type : 'other',
      country: (stated.country as string | null) ?? null,
      iati_ref: want.ref ?? null,
    };
    this.index(org);
    this.created.add(id);
    this.ctx.inserts.organisations.push({ ...org });
    this.ctx.rows.push({
      location: { ...location, column },
      table: 'organisations',
      key: org.name,
      outcome: 'create',
    });
    this.wanted.set(id, { values: { ...org }, location });
    return id;
  }

  /** Attributes a row states for a known organisation (name by id, acronym, type, country, ref). */
  private restate(org: Org, location: ImportLocation, column: string, want: WantedOrg): void {
    const values: Rec = { ...(want.attrs ?? {}) };
    if (want.id && want.name) values.name = want.name;
    if (want.ref && !org.iati_ref) values.iati_ref = want.ref;
    const previous = this.wanted.get(org.id);
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) continue;
      if (previous && k in previous.values && !same('text', previous.values[k], v)) {
        this.ctx.issue(
          location,
          column,
          'organisation_conflict',
          `The organisation "${org.name}" is given another ${k} in ${describe(previous.location)}`,
          v,
        );
        return;
      }
    }
    this.wanted.set(org.id, {
      values: { ...(previous?.values ?? {}), ...values },
      location: previous?.location ?? location,
    });
    if (this.created.has(org.id)) {
      const created = this.ctx.inserts.organisations.find((o) => o.id === org.id);
      if (created) Object.assign(created, values);
      return;
    }
    this.update(org, values, location, column);
  }

  private update(org: Org, values: Rec, location: ImportLocation, column: string): void {
    const changes = Object.keys(values).filter(
      (k) => values[k] !== undefined && !same('text', (org as unknown as Rec)[k], values[k]),
    );
    if (!changes.length) return;
    const existing = this.ctx.updates.organisations.find((u) => u.before.id === org.id);
    if (existing) {
      Object.assign(existing.after, values);
      existing.changes = [...new Set([...existing.changes, ...changes])];
      return;
    }
    this.ctx.updates.organisations.push({
      before: { ...org },
      after: { ...org, ...values },
      changes,
    });
    this.ctx.rows.push({
      location: { ...location, column },
      table: 'organisations',
      key: org.name,
      outcome: 'update',
      changes,
    });
  }
}
