import { publicProcedure, router } from '../init.ts';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user })),
});
