import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors } from '../../http/schemas.ts';
import { latestBackup } from './backups.service.ts';
import { latestBackupSchema } from './backups.schemas.ts';

export const backupsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/backups/latest', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['backups'],
      summary: 'The last backup run (nightly or `npm run backup`) and the last that succeeded',
      description: 'A failed nightly backup also notifies every coordinator. `npm run backup` writes one; see docs/operations.md.',
      response: { 200: latestBackupSchema, ...commonErrors },
    },
  }, async () => latestBackup(deps));
};
