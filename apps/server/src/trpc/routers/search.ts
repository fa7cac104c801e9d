import { router } from '../init.ts';

export const searchRouter = router({});
