import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** SMTP_URL with nodemailer's pooling on (unless the URL sets it). */
export function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
}

/** Outgoing e-mail through SMTP_URL (nodemailer); absent when SMTP_URL is not configured. */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.smtpUrl);
  }

  /** Sends one message and returns its Message-ID. */
  async send(mail: Mail): Promise<string> {
    if (!this.config.smtpUrl) throw new Error('SMTP_URL is not configured');
    // Pooled: one SMTP connection carries a whole digest (closed on shutdown).
    this.transporter ??= createTransport(pooled(this.config.smtpUrl), {
      from: this.config.mailFrom,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    const info = await this.transporter.sendMail(mail);
    return String(info.messageId ?? '');
  }

  onModuleDestroy(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }
}
