import { router } from '../init.ts';

export const complianceRouter = router({});
