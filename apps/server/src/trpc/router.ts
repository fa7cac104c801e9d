import { router } from './init.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { identificationRouter } from './routers/identification.ts';
import { systemRouter } from './routers/system.ts';
import { webhookRouter } from './routers/webhook.ts';

export const appRouter = router({
  audit: auditRouter,
  auth: authRouter,
  identification: identificationRouter,
  system: systemRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
