import { z } from 'zod';
import { ROLES } from '../../plugins/access.ts';

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  pointId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  phone: z.string().optional(),
});

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(10).max(200),
  pointId: z.uuid().optional(),
  organisationId: z.uuid().optional().describe('The organisation the user volunteers for'),
  phone: z.string().max(50).optional(),
});
