import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-body';
import { localeOf } from './errors';
import { redactUrl } from './logger';

/** The single place errors leave the API: `{ statusCode, code, message, details }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = (request.raw as { id?: string }).id ?? String(request.id);
    const response = toErrorResponse(
      exception,
      localeOf(request.headers['accept-language']),
      requestId,
    );
    if (response.unexpected) {
      this.logger.error(
        { err: exception, requestId, method: request.method, url: redactUrl(request.url) },
        'Unexpected error',
      );
    } else if (response.status >= 500) {
      this.logger.warn({ requestId, code: response.body.code, err: exception }, 'Service error');
    }
    void reply.status(response.status).headers(response.headers).send(response.body);
  }
}
