import { RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessRule, Role, ROLES } from '../src/auth/access.decorator';
import { multipartBody, pdfFile } from './support/evidence-files';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';

interface RouteInfo {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

/** Every route of the running application, with its access declaration. */
function collectRoutes(t: TestApp): RouteInfo[] {
  const modules = t.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteInfo[] = [];
  const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = ([] as string[]).concat(
      Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '',
    )[0];
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as () => unknown;
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (sub === undefined || method === undefined) continue;
      const path =
        `/api/${[base, ...([] as string[]).concat(sub)].filter((p) => p && p !== '/').join('/')}`.replace(
          /\/+/g,
          '/',
        );
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
        handler,
        wrapper.metatype,
      ]);
      routes.push({ method: RequestMethod[method], path, rule });
    }
  }
  return routes;
}

const allowed = (rule: AccessRule, role: Role) =>
  rule.kind === 'public' || rule.kind === 'signed-in' || rule.roles.includes(role);

describe('access control over every route', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const agents = {} as Record<Role, SignedInAgent>;
  beforeAll(async () => {
    t = await bootTestApp();
    routes = collectRoutes(t);
    const org = await newOrganisation(t.db);
    for (const role of ROLES)
      agents[role] = await signedIn(t, role, { organisationId: role === 'partner' ? org : null });
  });
  afterAll(() => t.close());

  it('finds the application routes', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toEqual(
      expect.arrayContaining([expect.objectContaining({ method: 'GET', path: '/api/v1/actions' })]),
    );
  });

  it('has an access declaration on every route', () => {
    const undeclared = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('matches the role × route matrix: signed out → 401, role not allowed → 403, allowed → past the guard', async () => {
    const dummy = '00000000-0000-4000-8000-000000000000';
    const failures: string[] = [];
    for (const route of routes) {
      const rule = route.rule!;
      const url = route.path.replace(/:[A-Za-z]+/g, dummy);
      const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
      if (rule.kind !== 'public') {
        const anon = await t.http[method](url).send({});
        if (anon.status !== 401)
          failures.push(`signed out ${route.method} ${route.path} → ${anon.status}`);
      }
      for (const role of ROLES) {
        if (route.path === '/api/v1/auth/sign-out') continue; // would end the session used below
        const a = agents[role];
        const res = await (method === 'get' ? a.get(url) : a[method](url)).send({});
        const ok = allowed(rule, role);
        if (ok && (res.status === 401 || res.status === 403))
          failures.push(`${role} ${route.method} ${route.path} → ${res.status} (should pass)`);
        if (!ok && res.status !== 403)
          failures.push(`${role} ${route.method} ${route.path} → ${res.status} (should be 403)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets each role do what it is for (2xx) on the core routes', async () => {
    const staff = agents.staff;
    const org = await staff
      .post('/api/v1/organisations')
      .send({ name: `Matriz ${Date.now()}`, type: 'ngo_foundation' })
      .expect(201);
    const action = await newAction(staff, {
      code: `MATRIX-${Date.now()}`,
      titleEs: 'Acción de la matriz',
    });
    await newAction(agents.admin, {
      code: `MATRIX-A-${Date.now()}`,
      kind: 'award',
      titleEs: 'Premio de la matriz',
    });
    for (const role of ['admin', 'staff', 'director'] as const) {
      await agents[role].get('/api/v1/actions').expect(200);
      await agents[role].get(`/api/v1/actions/${action.id}`).expect(200);
      await agents[role].get(`/api/v1/actions/${action.id}/history`).expect(200);
      await agents[role].get(`/api/v1/organisations/${org.body.id}`).expect(200);
    }
    await agents.partner.get('/api/v1/actions').expect(200);
    await agents.director
      .patch(`/api/v1/actions/${action.id}`)
      .send({ version: 1, titleEs: 'No' })
      .expect(403);
    await agents.partner
      .post('/api/v1/organisations')
      .send({ name: 'No', type: 'other' })
      .expect(403);
    for (const role of ROLES) {
      const list = await agents[role].get('/api/v1/notifications').expect(200);
      expect(list.body).toHaveProperty('unreadCount');
      await agents[role].post('/api/v1/notifications/read').send({ all: true }).expect(200);
    }
    await agents.staff.get('/api/v1/users/assignable').expect(200);
    await agents.director.get('/api/v1/users/assignable').expect(200);
    await agents.partner.get('/api/v1/users/assignable').expect(403);
    await agents.staff.post('/api/v1/notifications/digest').send({}).expect(403);
    await agents.director.post('/api/v1/notifications/digest').send({}).expect(403);
    // Imports: staff and admins only (a dry run of an empty results table answers 200).
    const emptyCsv = Buffer.from('action_code,statement\r\n');
    for (const role of ['staff', 'admin'] as const)
      await agents[role]
        .post('/api/v1/imports/csv?dryRun=true')
        .attach('file', emptyCsv, 'results.csv')
        .expect(200);
    for (const role of ['director', 'partner'] as const)
      for (const kind of ['workbook', 'csv', 'iati'])
        await agents[role]
          .post(`/api/v1/imports/${kind}?dryRun=true`)
          .attach('file', emptyCsv, 'results.csv')
          .expect(403);
    await agents.admin.get('/api/v1/users').expect(200);
    await agents.staff.get('/api/v1/users').expect(403);
    await staff
      .patch(`/api/v1/actions/${action.id}`)
      .send({ version: 1, titleEs: 'Acción de la matriz (editada)' })
      .expect(200);

    // Evidence: staff/admin upload and delete; readers download; a partner outside the action gets 404.
    const { body, contentType } = multipartBody([{ name: 'matriz.pdf', content: pdfFile() }]);
    const uploaded = await staff
      .post(`/api/v1/actions/${action.id}/evidence`)
      .set('content-type', contentType)
      .send(body)
      .expect(201);
    const evidenceId: string = uploaded.body.items[0].id;
    for (const role of ['admin', 'staff', 'director'] as const)
      await agents[role].get(`/api/v1/evidence/${evidenceId}/download`).expect(200);
    await agents.partner.get(`/api/v1/evidence/${evidenceId}/download`).expect(404);
    await agents.director
      .post(`/api/v1/actions/${action.id}/evidence`)
      .set('content-type', contentType)
      .send(body)
      .expect(403);
    await agents.director.delete(`/api/v1/evidence/${evidenceId}`).expect(403);
    await agents.admin.delete(`/api/v1/evidence/${evidenceId}`).expect(204);
  });
});
