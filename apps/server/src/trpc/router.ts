import { router } from './init.ts';
import { addressRouter } from './routers/address.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { complianceRouter } from './routers/compliance.ts';
import { documentRouter } from './routers/document.ts';
import { identificationRouter } from './routers/identification.ts';
import { metricsRouter } from './routers/metrics.ts';
import { personRouter } from './routers/person.ts';
import { proofOfAddressRouter } from './routers/proof-of-address.ts';
import { searchRouter } from './routers/search.ts';
import { systemRouter } from './routers/system.ts';
import { webhookRouter } from './routers/webhook.ts';

export const appRouter = router({
  address: addressRouter,
  audit: auditRouter,
  auth: authRouter,
  compliance: complianceRouter,
  document: documentRouter,
  identification: identificationRouter,
  metrics: metricsRouter,
  person: personRouter,
  proofOfAddress: proofOfAddressRouter,
  search: searchRouter,
  system: systemRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
