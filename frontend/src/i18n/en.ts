import { fmt, plural } from './message';

/** English messages; their shape is the schema every other locale must match. */
export const en = {
  app: {
    name: 'SalesCircle',
    tagline: 'Agile management for B2B sales teams: the circle, the matrix and the sprint in one place.',
    loading: 'Loading SalesCircle…',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    errorTitle: 'Something went wrong',
    emptyTitle: 'Nothing here yet',
    notAssigned: 'Not assigned',
    total: 'Total',
  },
  language: {
    label: 'Language',
    ru: 'Русский',
    en: 'English',
  },
  pages: {
    login: 'Sign in',
    home: 'Home',
    notFound: 'Page not found',
  },
  nav: {
    label: 'Main navigation',
    home: 'Home',
  },
  shell: {
    skipToContent: 'Skip to content',
    signOut: 'Sign out',
    account: 'Signed in as',
    menu: 'Menu',
  },
  roles: {
    DIRECTOR: 'Sales director',
    LEAD: 'Team lead',
    COACH: 'Coach',
    SALES: 'Sales rep',
  },
  stageRoles: {
    PROSPECTOR: 'Prospector',
    HUNTER: 'Hunter',
    FARMER: 'Farmer',
    KEY_ACCOUNT: 'Key account manager',
  },
  errors: {
    UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
    FORBIDDEN: 'You do not have access to this.',
    BAD_USER_INPUT: 'Some of the data is not valid. Check it and try again.',
    NOT_FOUND: 'We could not find what you asked for.',
    CONFLICT: 'This conflicts with a recent change. Reload and try again.',
    TOO_MANY_ATTEMPTS: 'Too many attempts. Wait a little and try again.',
    INTERNAL_SERVER_ERROR: 'The server could not complete the request. Try again in a moment.',
    NETWORK_ERROR: 'Cannot reach the server. Check your connection and try again.',
  },
  login: {
    title: 'Sign in',
    subtitle: 'Use your work email and password.',
    email: 'Email',
    emailPlaceholder: 'name@company.ru',
    password: 'Password',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    validation: {
      emailRequired: 'Enter your email.',
      emailInvalid: 'Enter a valid email address, for example name@company.ru.',
      passwordRequired: 'Enter your password.',
    },
    failure: {
      wrongCredentials: 'Wrong email or password.',
      badInput: 'Check the email and password and try again.',
      tooManyAttempts: plural('en', {
        one: 'Too many sign-in attempts. Try again in {count} minute.',
        other: 'Too many sign-in attempts. Try again in {count} minutes.',
      }),
      tooManyAttemptsLater: 'Too many sign-in attempts. Wait a few minutes and try again.',
    },
    demo: {
      title: 'Demo accounts',
      hint: fmt('The password for every account is {password}. Click an account to fill in the form.'),
    },
  },
  notFound: {
    code: '404',
    title: 'Page not found',
    text: 'The page you are looking for does not exist or has moved.',
    home: 'Go to the home page',
  },
  home: {
    greeting: {
      morning: fmt('Good morning, {name}'),
      afternoon: fmt('Good afternoon, {name}'),
      evening: fmt('Good evening, {name}'),
    },
    focus: {
      DIRECTOR:
        'Keep every team in shape: who is in the circle, how the stage roles are balanced and where each team needs help.',
      LEAD: 'Lead your team through the sprint: the right people on the right clients, every week.',
      COACH: 'Help every rep grow: know the team you coach and prepare the next coaching sessions.',
      SALES: 'Focus on your clients and your next steps, and know who in your team to ask for help.',
    },
  },
  composition: {
    title: 'Team composition',
    subtitleAll: 'Active members of the teams you see; reps are split by stage role.',
    subtitleTeam: 'Active members of the team; reps are split by stage role.',
    teamFilter: 'Team',
    allTeams: 'All teams',
    chartLabel: fmt('Doughnut chart of the team composition. {summary}'),
    tableCaption: 'Team composition by role',
    role: 'Role',
    people: 'People',
    share: 'Share',
    empty: 'There are no active members yet.',
  },
  teams: {
    titleAll: 'Teams',
    titleMine: 'My team',
    lead: 'Lead',
    coach: 'Coach',
    members: 'Members',
    memberCount: plural('en', { one: '{count} member', other: '{count} members' }),
    name: 'Name',
    role: 'Role',
    category: 'Category',
    categoryValue: fmt('Category {category}'),
    noCategory: '—',
    empty: 'There are no teams yet.',
    emptyTitle: 'No teams',
    noMembers: 'No members in this team yet.',
  },
  teamSizes: {
    title: 'Team sizes',
    subtitle: 'Members per team.',
    dataset: 'Members',
    chartLabel: fmt('Bar chart of team sizes. {summary}'),
  },
};

export type MessageSchema = typeof en;
