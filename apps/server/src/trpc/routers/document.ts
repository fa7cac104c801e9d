import { router } from '../init.ts';

export const documentRouter = router({});
