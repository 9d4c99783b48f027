import { expect, request, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { authFile } from './paths';
import type { Role } from './users';

/** The slice of the API responses the specs read. */
export interface ActionPage {
  items: { id: string; code: string; titleEs?: string; version?: number }[];
  total: number;
}
export interface MoneyFigure {
  total: string;
  currency: string;
  unconvertedCount: number;
}
export interface Summary {
  currency: string;
  actions: number;
  partners: number;
  money: {
    committed: MoneyFigure;
    executed: MoneyFigure;
    ceilings: MoneyFigure;
    inKind: MoneyFigure;
  };
}
export interface Grouped {
  currency: string;
  groups: {
    key: string | null;
    label?: string | null;
    actions?: number;
    money: Record<string, MoneyFigure | undefined>;
  }[];
}

/** GET `path` and return the JSON body, failing the test with the body on a non-2xx answer. */
export async function getJson<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(path);
  expect(response.ok(), `GET ${path} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The X-XSRF-TOKEN header the API wants on unsafe requests, from the context's cookie. */
export async function xsrfHeader(context: BrowserContext): Promise<Record<string, string>> {
  const cookie = (await context.cookies()).find((c) => c.name === 'XSRF-TOKEN');
  if (!cookie) throw new Error('no XSRF-TOKEN cookie: is the context signed in?');
  return { 'X-XSRF-TOKEN': cookie.value };
}

/** A request context signed in as `role` (the storageState saved by global setup). */
export async function apiAs(role: Role, baseURL: string | undefined): Promise<APIRequestContext> {
  return request.newContext({ baseURL, storageState: authFile(role) });
}

/** The X-XSRF-TOKEN header for a role, from its saved storageState. */
export function xsrfHeaderOf(role: Role): Record<string, string> {
  const state = JSON.parse(readFileSync(authFile(role), 'utf8')) as {
    cookies: { name: string; value: string }[];
  };
  const cookie = state.cookies.find((c) => c.name === 'XSRF-TOKEN');
  if (!cookie) throw new Error(`no XSRF-TOKEN cookie in the ${role} storageState`);
  return { 'X-XSRF-TOKEN': cookie.value };
}

/** Creates an action through the API as staff; returns its id. */
export async function createActionAs(
  api: APIRequestContext,
  body: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const response = await api.post('/api/v1/actions', {
    data: body,
    headers: xsrfHeaderOf('staff'),
  });
  expect(
    response.ok(),
    `POST /api/v1/actions → ${response.status()} ${await response.text()}`,
  ).toBe(true);
  return (await response.json()) as { id: string; version: number };
}

/** Archives an action (test clean-up, so other specs see the demo totals); staff only. */
export async function archiveActionAs(api: APIRequestContext, id: string): Promise<void> {
  const response = await api.post(`/api/v1/actions/${id}/archive`, {
    headers: xsrfHeaderOf('staff'),
  });
  expect(response.ok(), `archive ${id} → ${response.status()} ${await response.text()}`).toBe(true);
}
