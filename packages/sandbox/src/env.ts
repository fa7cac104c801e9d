import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Configuration of the standalone sandbox (`pnpm --filter @identdesk/sandbox start`), in one place. */
export const standaloneEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL; without it the sandbox keeps its data in embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data/sandbox'),
  /** Where a browser reaches this server (identification URLs); default http://localhost:<PORT>. */
  SANDBOX_PUBLIC_BASE_URL: z.url().optional(),
  SANDBOX_CLIENT_ID: z.string().min(1).optional(),
  SANDBOX_CLIENT_SECRET: z.string().min(1).optional(),
  SANDBOX_TIME_SCALE: z.coerce.number().positive().default(1),
  SANDBOX_CONTROL_API: flag.default(false),
  SANDBOX_SEED: z.string().min(1).optional(),
});

export type StandaloneEnv = z.infer<typeof standaloneEnvSchema>;

export function readStandaloneEnv(source: NodeJS.ProcessEnv = process.env): StandaloneEnv {
  // A blank variable is unset, as for Identdesk's server (`DATABASE_URL=` means the embedded database).
  const parsed = standaloneEnvSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`invalid sandbox configuration: ${problems}`);
}
