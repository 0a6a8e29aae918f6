import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../platform/config.ts';

export interface OutgoingEmail { from: string; to: string; subject: string; text: string; html: string | null }
export interface OutgoingSms { to: string; text: string }

/** Something that hands an email to the outside world (SMTP today; an API-based service tomorrow). */
export interface EmailProvider {
  readonly name: string;
  send(email: OutgoingEmail): Promise<void>;
}

/** Something that sends a text message; each SMS vendor is one implementation. */
export interface SmsProvider {
  readonly name: string;
  send(sms: OutgoingSms): Promise<void>;
}

export function smtpEmailProvider(smtpUrl: string): EmailProvider {
  let transport: Transporter | null = null;
  return {
    name: 'smtp',
    async send(email) {
      transport ??= nodemailer.createTransport(smtpUrl);
      await transport.sendMail({ from: email.from, to: email.to, subject: email.subject, text: email.text, ...(email.html ? { html: email.html } : {}) });
    },
  };
}

/** A generic HTTP gateway: POST {to, text} as JSON, any 2xx is accepted. Most SMS vendors offer one. */
export function httpSmsProvider(url: string, timeoutMs = 10_000): SmsProvider {
  return {
    name: 'sms-gateway',
    async send(sms) {
      const res = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sms), signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}`);
    },
  };
}

export interface Providers { email: EmailProvider | null; sms: SmsProvider | null }

const cache = new WeakMap<Config, Providers>();

/** The configured providers; null means "keep it in the local mailbox". */
export function providersFor(config: Config): Providers {
  let p = cache.get(config);
  if (!p) {
    p = {
      email: config.smtpUrl ? smtpEmailProvider(config.smtpUrl) : null,
      sms: config.smsGatewayUrl ? httpSmsProvider(config.smsGatewayUrl) : null,
    };
    cache.set(config, p);
  }
  return p;
}
