import { Type } from '@sinclair/typebox';
import { bearer, Instant, Nullable, Paging, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import * as service from './mailbox.service.ts';

const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);
const Status = Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('stored'), Type.Literal('failed')], {
  description: 'queued: waiting for the sender; sent: handed to SMTP or the SMS gateway; stored: kept in the local mailbox (no provider configured); failed: gave up',
});
const MessageSummary = Type.Object({
  id: Uuid, channel: Channel, recipient: Type.String(), template: Type.String(), locale: Type.String(), subject: Nullable(Type.String()),
  status: Status, provider: Nullable(Type.String()), attempts: Type.Integer(), error: Nullable(Type.String()),
  related_type: Nullable(Type.String()), related_id: Nullable(Type.String()), created_at: Instant, sent_at: Nullable(Instant),
});
const Message = Type.Composite([MessageSummary, Type.Object({ body_text: Type.String(), body_html: Nullable(Type.String()) })]);
const tags = ['notifications'];

/** The local mailbox: every email and SMS the platform sent or kept, for the demo, tests and support. */
export const mailboxAdminRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/admin/mailbox', {
    schema: {
      tags, summary: 'Messages sent or kept for this merchant, newest first', security: bearer,
      querystring: Type.Object({
        recipient: Type.Optional(Type.String({ maxLength: 254 })), channel: Type.Optional(Channel),
        template: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(Status),
        relatedType: Type.Optional(Type.String({ maxLength: 100 })), relatedId: Type.Optional(Type.String({ maxLength: 100 })), ...Paging,
      }),
      response: { 200: Type.Object({ items: Type.Array(MessageSummary), total: Type.Integer() }) },
    },
  }, async (req) => service.listMailbox(ctx.db, await staffActor(req, ctx), req.query));

  app.get('/v1/admin/mailbox/:id', {
    schema: { tags, summary: 'One message with its text and HTML body', security: bearer, params: Type.Object({ id: Uuid }), response: { 200: Message } },
  }, async (req) => service.getMessage(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/admin/mailbox/test', {
    schema: {
      tags, summary: 'Queue a test email or SMS in the given locale', security: bearer,
      body: Type.Object({ channel: Channel, to: Type.String({ minLength: 3, maxLength: 254 }), locale: Type.Optional(Type.String({ maxLength: 10 })) }, { additionalProperties: false }),
      response: { 202: Message },
    },
  }, async (req, reply) => reply.code(202).send(await service.sendTestMessage(ctx.db, await staffActor(req, ctx), req.body)));
};
