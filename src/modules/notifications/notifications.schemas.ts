import { z } from 'zod';
import { pageQuery } from '../../http/schemas.ts';

export const notificationSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  locale: z.enum(['fi', 'en']),
  /** `pending` until sent; `inbox` when the user gets it in the app only; `failed` after the last attempt. */
  status: z.enum(['pending', 'sent', 'failed', 'inbox']),
  channel: z.enum(['email', 'sms']).optional(),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  createdAt: z.string(),
  sendAfter: z.string(),
  sentAt: z.string().optional(),
  read: z.boolean(),
  readAt: z.string().optional(),
  data: z.record(z.string(), z.string()),
});

export const myNotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});

export const notificationsQuery = z.strictObject({
  status: z.enum(['pending', 'sent', 'failed', 'inbox']).optional(),
  userId: z.uuid().optional(),
  ...pageQuery,
});

export const inboxSchema = z.object({ items: z.array(notificationSchema), nextCursor: z.string().optional(), unread: z.number().int() });
