import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'coopera_session';
/** Read by the web app (Angular's XSRF support) and echoed in the X-XSRF-TOKEN header. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

type CookieReply = FastifyReply & {
  setCookie(name: string, value: string, options: Record<string, unknown>): FastifyReply;
  clearCookie(name: string, options: Record<string, unknown>): FastifyReply;
};

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  csrfToken: string,
  expiresAt: Date,
): void {
  const secure = request.protocol === 'https';
  const base = { path: '/', sameSite: 'lax', secure, expires: expiresAt };
  (reply as CookieReply).setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  (reply as CookieReply).setCookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  (reply as CookieReply).clearCookie(SESSION_COOKIE, { path: '/' });
  (reply as CookieReply).clearCookie(CSRF_COOKIE, { path: '/' });
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> })
    .cookies;
  return cookies?.[SESSION_COOKIE];
}
