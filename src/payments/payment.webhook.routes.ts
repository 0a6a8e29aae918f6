import { Type } from '@sinclair/typebox';
import { Webhook } from 'standardwebhooks';
import type { RouteModule } from '../platform/http.ts';
import { AppError } from '../platform/errors.ts';
import { confirmPayment } from './confirm-payment.ts';
import { TEST_WEBHOOK_PATH, testProvider, testWebhookSecret } from './test-provider.ts';

/** Payment providers call us here; the body is verified against its signature before anything else. */
export const paymentWebhookRoutes: RouteModule = (app, ctx) => {
  // The signature covers the exact bytes sent, so this module keeps the raw body beside the parsed one.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    try {
      (req as unknown as { rawBody: string }).rawBody = body as string;
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('bad_request', 'The body is not valid JSON'), undefined);
    }
  });

  app.post(TEST_WEBHOOK_PATH, {
    schema: {
      tags: ['payments'], summary: 'Asynchronous payment confirmations from the built-in test provider (Standard Webhooks signature)',
      body: Type.Object({ type: Type.String(), chargeId: Type.String({ maxLength: 100 }) }, { additionalProperties: true }),
      response: { 200: Type.Object({ received: Type.Boolean(), outcome: Type.String() }) },
    },
  }, async (req) => {
    const raw = (req as unknown as { rawBody: string }).rawBody;
    try {
      new Webhook(testWebhookSecret(ctx.config.secret)).verify(raw, req.headers as Record<string, string>);
    } catch {
      throw new AppError('unauthenticated', 'The webhook signature is not valid');
    }
    if (req.body.type !== 'charge.authorized' && req.body.type !== 'charge.failed') return { received: true, outcome: 'ignored' };
    const outcome = await confirmPayment(ctx.db, testProvider.name, req.body.chargeId, req.body.type === 'charge.authorized');
    return { received: true, outcome };
  });
};
