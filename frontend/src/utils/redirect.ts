/**
 * A `redirect` query value that is safe to navigate to after sign-in: an in-app
 * path only (no other origin, no protocol-relative `//host`, no back-slash tricks).
 */
export function safeRedirect(value: unknown, fallback = '/'): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return fallback;
  if (raw === '/login' || raw.startsWith('/login?') || raw.startsWith('/login#')) return fallback;
  return raw;
}
