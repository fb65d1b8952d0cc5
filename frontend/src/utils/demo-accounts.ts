import type { Role } from '@salescircle/shared';

/** The accounts `npm run seed:demo` creates; shown on the sign-in page. */
export const DEMO_PASSWORD = 'salescircle';

export const DEMO_ACCOUNTS: readonly { email: string; role: Role }[] = [
  { email: 'director@demo.local', role: 'DIRECTOR' },
  { email: 'lead@demo.local', role: 'LEAD' },
  { email: 'coach@demo.local', role: 'COACH' },
  { email: 'rep@demo.local', role: 'SALES' },
];
