import { router } from '../init.ts';

export const personRouter = router({});
