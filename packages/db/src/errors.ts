/** What PostgreSQL (and PGlite) report on an error: its SQLSTATE and, for a constraint, its name. */
export interface DatabaseErrorFields {
  code: string;
  constraint?: string;
}

/**
 * Whether the error, or one it wraps (drizzle wraps the driver's error in `cause`), is a database
 * error that matches. Looks five levels deep at most.
 */
export function hasDatabaseError(error: unknown, matches: (fields: DatabaseErrorFields) => boolean): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && matches({ code, constraint: typeof constraint === 'string' ? constraint : undefined })) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A unique key refused the row (SQLSTATE 23505); only that constraint's refusal when one is named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return hasDatabaseError(error, (fields) => fields.code === '23505' && (constraint === undefined || fields.constraint === constraint));
}
