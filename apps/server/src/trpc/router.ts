import { router } from './init.ts';
import { authRouter } from './routers/auth.ts';
import { systemRouter } from './routers/system.ts';
import { webhookRouter } from './routers/webhook.ts';

export const appRouter = router({
  auth: authRouter,
  system: systemRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
