/**
 * Where to go after sign-in, from a `?redirect=` value: only a path on this site. Anything that
 * could leave it (`//evil.example`, `https://…`, `/\evil.example`) falls back to the start page.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Control characters could smuggle a different target past browsers' URL parsing.
  for (const character of value) if (character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f) return fallback;
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return fallback;
  return value;
}
