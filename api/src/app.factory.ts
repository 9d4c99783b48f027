import fastifyCookie from '@fastify/cookie';
import helmet, { HelmetOptions } from 'helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { HttpStatus, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import openApiMetadata from './metadata';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { toErrorResponse } from './common/error-body';
import { AppError, localeOf } from './common/errors';
import { AppValidationPipe } from './common/validation';
import { newRequestId } from './common/request-id';
import {
  clientErrorHandler,
  frameworkErrors,
  registerRequestGuards,
} from './common/request-guards';
import { AppConfig } from './config/app-config';
import { installNotModified } from './cache/not-modified';
import { installWriteObserver } from './cache/write-observer';
import { DataVersionService } from './cache/data-version.service';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A UTF-16 surrogate without its pair: not well-formed Unicode (pg would store U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as sent: a NUL character, or text that is not well-formed. */
function textProblem(text: string): TextProblem['code'] | undefined {
  if (text.includes('\u0000')) return 'noNulCharacter';
  if (LONE_SURROGATE.test(text)) return 'wellFormedText';
  return undefined;
}

export interface TextProblem {
  path: string;
  code: 'noNulCharacter' | 'wellFormedText';
}

/**
 * The first string (or key) that PostgreSQL text cannot hold as sent, if any: a NUL character,
 * or a lone UTF-16 surrogate (`"\ud800"` in JSON), which validators choke on and which would be
 * stored silently altered.
 */
export function findBadText(value: unknown, path = ''): TextProblem | undefined {
  if (typeof value === 'string') {
    const code = textProblem(value);
    return code ? { path: path || 'body', code } : undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const code = textProblem(key);
    if (code) return { path: childPath, code };
    const found = findBadText(child, childPath);
    if (found) return found;
  }
  return undefined;
}

const TEXT_MESSAGES: Record<TextProblem['code'], string> = {
  noNulCharacter: 'Contiene un carácter no permitido (NUL).',
  wellFormedText: 'Contiene caracteres que no son texto Unicode válido.',
};

/**
 * Helmet's headers, computed once: they depend on no request (no CSP nonces), and
 * @fastify/helmet rebuilt them, the CSP string included, on every request.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Helmet's headers on every answer; HSTS and upgrade-insecure-requests only over https. */
function installSecurityHeaders(fastify: FastifyInstance, config: AppConfig): void {
  const security = securityHeaders({
    // HSTS and upgrade-insecure-requests are added below only over https (see HSTS).
    hsts: false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: null,
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(security);
    done();
  });
  // Over plain http (an intranet http://host:3000) HSTS and upgrade-insecure-requests would
  // break the app; they are sent over https (or always / never, by HSTS=on|off).
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const https = config.hsts === 'on' || (config.hsts === 'auto' && request.protocol === 'https');
    if (https) {
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string' && !csp.includes('upgrade-insecure-requests'))
        void reply.header('content-security-policy', `${csp};upgrade-insecure-requests`);
    }
    done(null, payload);
  });
}

/** Text PostgreSQL cannot hold as sent (NUL, lone surrogates): refused up front, not in SQL. */
function installTextGuard(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    const bad = findBadText({ query: request.query, body: request.body, params: request.params });
    if (!bad) return done();
    const error = new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
      { field: bad.path, code: bad.code, message: TEXT_MESSAGES[bad.code] },
    ]);
    const response = toErrorResponse(error, localeOf(request.headers['accept-language']));
    void reply.status(response.status).send(response.body);
  });
}

/** Every request's id in the logs (raw request) and in the `x-request-id` answer header. */
function installRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as { id?: string }).id = String(request.id);
    void reply.header('x-request-id', String(request.id));
    done();
  });
}

/** Fastify with our limits, request ids and error answers for requests refused before routing. */
function fastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-* only from configured proxies (TRUST_PROXY): otherwise any client could pick
    // its own address and escape the per-address limits.
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    genReqId: newRequestId,
    requestIdHeader: false,
    // Requests refused before any route runs still answer in the standard error shape.
    clientErrorHandler,
    frameworkErrors,
  });
}

/** Builds the Nest application (API under /api, web app at /) without listening. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: {
    /** false: the caller serves the web app later (serveWebApp), before listening. */
    serveWeb?: boolean;
  } = {},
): Promise<NestFastifyApplication> {
  const adapter = fastifyAdapter(config);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, databaseUrl }),
    adapter,
    // No form parsers: API writes take JSON (see registerRequestGuards), uploads parse their own.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableCors({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: true,
  });

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // Writes from the browser are accepted from the app's own origin (as requested, or APP_URL's,
  // which a TLS-terminating proxy may hide) and from CORS_ORIGINS.
  registerRequestGuards(fastify, [...config.corsOrigins, new URL(config.appUrl).origin]);
  installSecurityHeaders(fastify, config);
  await app.register(fastifyCookie as never);
  // multipart/form-data (evidence uploads, imports): parsed lazily by the route, which sets its own limits
  // (EVIDENCE_MAX_BYTES per file, IMPORT_MAX_BYTES); JSON bodies keep BODY_LIMIT_BYTES.
  await app.register(fastifyMultipart as never, {
    limits: { fileSize: config.evidenceMaxBytes, files: 5, fields: 10, parts: 20 },
  });
  installTextGuard(fastify);
  installNotModified(fastify);
  installWriteObserver(fastify, app.get(DataVersionService));
  installRequestId(fastify);

  // What the Swagger plugin read from the DTO types (tools/api-metadata.mjs → metadata.ts).
  await SwaggerModule.loadPluginMetadata(openApiMetadata);
  if (config.apiDocs) setUpOpenApi(app);
  if (options.serveWeb !== false) await serveWebApp(app, config);
  return app;
}

export function buildOpenApiDocument(app: INestApplication) {
  const document = new DocumentBuilder()
    .setTitle('Coopera API')
    .setDescription(
      'Portfolio tracker for international cooperation. Errors share one shape: ' +
        '{ statusCode, code, message, details }.',
    )
    .setVersion('1')
    .addCookieAuth('coopera_session')
    .build();
  return SwaggerModule.createDocument(app, document);
}

function setUpOpenApi(app: NestFastifyApplication) {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}

/**
 * Serves the compiled Angular app: Spanish at /, English at /en/, with SPA fallback to each
 * locale's index.html. Unknown /api routes keep the JSON error shape.
 */
export async function serveWebApp(app: NestFastifyApplication, config: AppConfig) {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const root = resolve(config.webDist);
  const hasWeb = existsSync(resolve(root, 'es-MX', 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic as never, {
      root: resolve(root, 'es-MX'),
      prefix: '/',
      wildcard: false,
      index: false,
      decorateReply: true,
    });
    await app.register(fastifyStatic as never, {
      root: resolve(root, 'en'),
      prefix: '/en/',
      wildcard: false,
      index: false,
      decorateReply: false,
    });
  }
  if (!hasWeb) return;
  // Deep links (/acciones/42, /en/acciones/42) load the app shell of their language.
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) {
      const body = toErrorResponse(
        { statusCode: 404 },
        localeOf(request.headers['accept-language']),
      ).body;
      void reply.status(404).send(body);
      return;
    }
    const locale = path === '/en' || path.startsWith('/en/') ? 'en' : 'es-MX';
    void (reply as FastifyReply & { sendFile(file: string, root: string): FastifyReply })
      .header('cache-control', 'no-cache')
      .sendFile('index.html', resolve(root, locale));
  });
}
