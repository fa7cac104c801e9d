import { router } from '../init.ts';

export const metricsRouter = router({});
