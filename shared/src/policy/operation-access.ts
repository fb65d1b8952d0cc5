import type { Role } from '../domain/roles';

/** Who may call a GraphQL operation at all; finer, row-level rules live in the policy functions. */
export type OperationAccess = 'PUBLIC' | 'SIGNED_IN' | readonly Role[];

const MANAGERS = ['DIRECTOR', 'LEAD'] as const;

/**
 * Every Query and Mutation field of the API, and who may call it. The one AuthGuard reads
 * this table; an operation missing here is refused for everyone, and a test fails until
 * it has an entry (and checks every role against it over real HTTP).
 */
export const OPERATION_ACCESS: Record<string, OperationAccess> = {
  // foundation
  login: 'PUBLIC',
  me: 'SIGNED_IN',
  changePassword: 'SIGNED_IN',
  updateMyPreferences: 'SIGNED_IN',
  organization: 'SIGNED_IN',
  setUserActive: ['DIRECTOR'],
  updateOrganizationSettings: ['DIRECTOR'],
  // the circle
  teams: 'SIGNED_IN',
  team: 'SIGNED_IN',
  teamComposition: 'SIGNED_IN',
  members: 'SIGNED_IN',
  member: 'SIGNED_IN',
  matrix: 'SIGNED_IN',
  createMember: ['DIRECTOR'],
  updateMember: MANAGERS,
  createTeam: ['DIRECTOR'],
  updateTeam: ['DIRECTOR'],
  addTeamMember: MANAGERS,
  removeTeamMember: MANAGERS,
  setTeamPaused: MANAGERS,
  addReportingLine: ['DIRECTOR'],
  removeReportingLine: ['DIRECTOR'],
  assignCrossRole: ['DIRECTOR'],
  removeCrossRole: ['DIRECTOR'],
  setWorkSchedule: MANAGERS,
  addAbsence: MANAGERS,
  removeAbsence: MANAGERS,
  // the client base
  clients: 'SIGNED_IN',
  client: 'SIGNED_IN',
  assignmentHistory: 'SIGNED_IN',
  simulateRouting: MANAGERS,
  previewHandoffs: ['DIRECTOR'],
  applyHandoffs: ['DIRECTOR'],
  routingRules: MANAGERS,
  handoffRules: 'SIGNED_IN',
  createRoutingRule: ['DIRECTOR'],
  updateRoutingRule: ['DIRECTOR'],
  deleteRoutingRule: ['DIRECTOR'],
  createHandoffRule: ['DIRECTOR'],
  updateHandoffRule: ['DIRECTOR'],
  deleteHandoffRule: ['DIRECTOR'],
  createClient: ['DIRECTOR', 'LEAD', 'SALES'],
  updateClient: ['DIRECTOR', 'LEAD', 'SALES'],
  addClientContact: ['DIRECTOR', 'LEAD', 'SALES'],
  recordOrder: ['DIRECTOR', 'LEAD', 'SALES'],
  reassignClients: MANAGERS,
  previewOffboarding: ['DIRECTOR'],
  applyOffboarding: ['DIRECTOR'],
  coverClients: MANAGERS,
  territoryBalance: MANAGERS,
  proposeRebalance: ['DIRECTOR'],
  applyRebalance: ['DIRECTOR'],
  // sprints (team-level rules in sprint-policy)
  sprints: 'SIGNED_IN',
  activeSprint: 'SIGNED_IN',
  sprint: 'SIGNED_IN',
  salesProcess: 'SIGNED_IN',
  backlog: 'SIGNED_IN',
  processTemplates: 'SIGNED_IN',
  velocity: 'SIGNED_IN',
  sprintPlanHint: 'SIGNED_IN',
  notifications: 'SIGNED_IN',
  unreadNotificationCount: 'SIGNED_IN',
  createSprint: MANAGERS,
  updateSprint: MANAGERS,
  startSprint: MANAGERS,
  closeSprint: MANAGERS,
  updateSprintNotes: ['DIRECTOR', 'LEAD', 'COACH'],
  createProcess: 'SIGNED_IN',
  updateProcess: ['DIRECTOR', 'LEAD', 'SALES'],
  moveProcess: ['DIRECTOR', 'LEAD', 'SALES'],
  planProcess: MANAGERS,
  approveProcess: MANAGERS,
  rejectProcess: MANAGERS,
  setProcessStep: ['DIRECTOR', 'LEAD', 'SALES'],
  addProcessProgress: ['DIRECTOR', 'LEAD', 'SALES'],
  addReminder: 'SIGNED_IN',
  removeReminder: 'SIGNED_IN',
  createProcessTemplate: MANAGERS,
  markNotificationsRead: 'SIGNED_IN',
  // pipelines and real-data import
  pipelines: 'SIGNED_IN',
  importMavenCrm: ['DIRECTOR'],
  previewCsvImport: ['DIRECTOR'],
  importCsv: ['DIRECTOR'],
  // analytics (rows limited to the teams the viewer sees)
  funnel: 'SIGNED_IN',
  analyticsFilterOptions: 'SIGNED_IN',
  memberPerformance: 'SIGNED_IN',
  forecast: 'SIGNED_IN',
  scorecard: 'SIGNED_IN',
  scorecardHistory: 'SIGNED_IN',
  kpiProgress: 'SIGNED_IN',
  kpiSummary: 'SIGNED_IN',
  memberTrends: 'SIGNED_IN',
  scorecards: 'SIGNED_IN',
  memberFlags: 'SIGNED_IN',
  cascadeSignal: MANAGERS,
  handoffLeakage: 'SIGNED_IN',
  setKpiTargets: MANAGERS,
  leaderboard: 'SIGNED_IN',
  setTeamKpiTargets: MANAGERS,
  teamScorecard: 'SIGNED_IN',
  teamScorecardHistory: 'SIGNED_IN',
  submitForecast: ['DIRECTOR', 'LEAD', 'SALES'],
  forecastSubmissions: 'SIGNED_IN',
  forecastAccuracy: 'SIGNED_IN',
  coachingTemplates: 'SIGNED_IN',
  createCoachingTemplate: ['DIRECTOR', 'LEAD', 'COACH'],
  recordCoachingSession: ['DIRECTOR', 'LEAD', 'COACH'],
  coachingSessions: 'SIGNED_IN',
  setCoachingActionDone: 'SIGNED_IN',
  coachingActionToProcess: 'SIGNED_IN',
  // subscriptions (checked by the same guard when they start)
  boardChanged: 'SIGNED_IN',
  notificationAdded: 'SIGNED_IN',
};

/**
 * Writes open to coaches or reps because they touch the caller's own work, and which policy
 * checks, row by row, that the row is theirs. Every other write stays with directors and
 * leads (a test holds the table to that).
 */
export const OWN_WORK_OPERATIONS: Record<string, 'client-policy' | 'sprint-policy' | 'coaching'> = {
  // a rep keeps the data of their own clients: creates one they found, edits it, adds contacts and orders
  createClient: 'client-policy',
  updateClient: 'client-policy',
  addClientContact: 'client-policy',
  recordOrder: 'client-policy',
  // sprint work on one's own processes; anyone may propose a process; the coach writes the retrospective
  createProcess: 'sprint-policy',
  updateProcess: 'sprint-policy',
  setProcessStep: 'sprint-policy',
  addProcessProgress: 'sprint-policy',
  addReminder: 'sprint-policy',
  removeReminder: 'sprint-policy',
  updateSprintNotes: 'sprint-policy',
  // the coach keeps templates; whoever is in the session ticks its action items
  createCoachingTemplate: 'coaching',
  setCoachingActionDone: 'coaching',
};

export function operationAccess(operation: string): OperationAccess | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATION_ACCESS, operation) ? OPERATION_ACCESS[operation] : undefined;
}

/** Whether a caller (null: not signed in) may call the operation. Unknown operations: nobody. */
export function mayCallOperation(role: Role | null, operation: string): boolean {
  const access = operationAccess(operation);
  if (access === undefined) return false;
  if (access === 'PUBLIC') return true;
  if (role === null) return false;
  return access === 'SIGNED_IN' || access.includes(role);
}
