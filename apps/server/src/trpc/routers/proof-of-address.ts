import { router } from '../init.ts';

export const proofOfAddressRouter = router({});
