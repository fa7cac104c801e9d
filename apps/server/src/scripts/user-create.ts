import { parseArgs } from 'node:util';
import { insertStaffUser, isUniqueViolation, type DatabaseHandle } from '@identdesk/db';
import { ROLES, roleSchema, type Role } from '@identdesk/domain';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { ConfigError, loadConfig } from '../env.ts';
import { isMainModule, openConfiguredDatabase, runScript } from './script-support.ts';

export const USER_CREATE_USAGE = `Usage: pnpm user:create --email <email> --role <${ROLES.join('|')}> [--name "<display name>"]

The password is read from IDENTDESK_PASSWORD, or asked for twice when run in a terminal.`;

export interface UserCreateInput {
  email: string;
  role: Role;
  displayName: string;
}

/** Reads and checks the command line; a ConfigError names what is wrong and shows the usage. */
export function parseUserCreateArgs(args: string[]): UserCreateInput {
  let values: { email?: string; role?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}\n\n${USER_CREATE_USAGE}`);
  }
  const email = z.email().safeParse(values.email?.trim().toLowerCase());
  if (!email.success) throw new ConfigError(`--email must be an email address.\n\n${USER_CREATE_USAGE}`);
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}.\n\n${USER_CREATE_USAGE}`);
  const displayName = values.name?.trim() || email.data.split('@')[0] || email.data;
  return { email: email.data, role: role.data, displayName };
}

/** Creates a password user and records it in the audit trail (as done from the command line). */
export async function createPasswordUserFromCli(database: DatabaseHandle, input: UserCreateInput, password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new ConfigError(problem);
  const passwordHash = await hashPassword(password);
  return database.db.transaction(async (tx) => {
    const user = await insertStaffUser(tx, { ...input, passwordHash }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new ConfigError(`A user with the email ${input.email} exists already.`);
      throw error;
    });
    await audit(
      { db: tx, user: null, origin: { ip: null, userAgent: 'pnpm user:create' }, auth: { clock: () => new Date() } },
      { action: 'user.created', subject: { type: 'user', id: user.id }, actor: null, details: { role: user.role, via: 'command line' } },
    );
    return user;
  });
}

/** Asks for a password without echoing it; Ctrl-C aborts. */
function askHidden(question: string): Promise<string> {
  const { stdin, stdout } = process;
  return new Promise((resolve, reject) => {
    let typed = '';
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') {
          finish();
          stdout.write('\n');
          resolve(typed);
          return;
        }
        if (character === '\u0003') {
          finish();
          stdout.write('\n');
          reject(new ConfigError('Aborted.'));
          return;
        }
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.IDENTDESK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new ConfigError('Set IDENTDESK_PASSWORD, or run pnpm user:create in a terminal to be asked for the password.');
  }
  const password = await askHidden('Password (12 characters or more): ');
  const problem = passwordProblem(password);
  if (problem) throw new ConfigError(problem);
  if ((await askHidden('Same password again: ')) !== password) throw new ConfigError('The two passwords differ.');
  return password;
}

if (isMainModule(import.meta.url)) {
  runScript(async () => {
    const input = parseUserCreateArgs(process.argv.slice(2));
    const config = loadConfig();
    const password = await readPassword();
    const database = await openConfiguredDatabase(config);
    try {
      const user = await createPasswordUserFromCli(database, input, password);
      console.info(`Created ${user.role} ${user.email} (${user.displayName}), id ${user.id}.`);
    } finally {
      await database.close();
    }
  });
}
