import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type Router,
  type RouteRecordRaw,
  type RouterHistory,
} from 'vue-router';
import type { MessageSchema } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import { safeRedirect } from '@/utils/redirect';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Only for signed-out visitors (signed-in ones go home). */
    guestOnly?: boolean;
    /** `bare` pages render without the app shell. */
    layout?: 'shell' | 'bare';
    /** Message key of the document title. */
    titleKey?: `pages.${keyof MessageSchema['pages']}`;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/pages/auth/LoginPage.vue'),
    meta: { public: true, guestOnly: true, layout: 'bare', titleKey: 'pages.login' },
  },
  {
    path: '/',
    name: 'home',
    component: () => import('@/pages/home/HomePage.vue'),
    meta: { titleKey: 'pages.home' },
  },
  {
    path: '/team/:teamId?',
    name: 'team-circle',
    component: () => import('@/pages/team/TeamCirclePage.vue'),
    meta: { titleKey: 'pages.teamCircle' },
  },
  {
    path: '/matrix',
    name: 'matrix',
    component: () => import('@/pages/matrix/MatrixPage.vue'),
    meta: { titleKey: 'pages.matrix' },
  },
  {
    path: '/members/:id',
    name: 'member',
    component: () => import('@/pages/members/MemberPage.vue'),
    meta: { titleKey: 'pages.member' },
  },
  {
    path: '/clients',
    name: 'clients',
    component: () => import('@/pages/clients/ClientsPage.vue'),
    meta: { titleKey: 'pages.clients' },
  },
  {
    path: '/clients/:id',
    name: 'client',
    component: () => import('@/pages/clients/ClientPage.vue'),
    meta: { titleKey: 'pages.client' },
  },
  {
    path: '/routing',
    name: 'routing',
    component: () => import('@/pages/routing/RoutingPage.vue'),
    meta: { titleKey: 'pages.routing' },
  },
  {
    path: '/handoffs',
    name: 'handoffs',
    component: () => import('@/pages/handoffs/HandoffsPage.vue'),
    meta: { titleKey: 'pages.handoffs' },
  },
  {
    path: '/balance',
    name: 'balance',
    component: () => import('@/pages/balance/BalancePage.vue'),
    meta: { titleKey: 'pages.balance' },
  },
  {
    path: '/sprints',
    name: 'sprint-board',
    component: () => import('@/pages/sprints/SprintBoardPage.vue'),
    meta: { titleKey: 'pages.sprintBoard' },
  },
  {
    path: '/sprints/timeline',
    name: 'sprint-timeline',
    component: () => import('@/pages/sprints/SprintTimelinePage.vue'),
    meta: { titleKey: 'pages.sprintTimeline' },
  },
  {
    path: '/sprints/reports',
    name: 'sprint-reports',
    component: () => import('@/pages/sprints/SprintReportsPage.vue'),
    meta: { titleKey: 'pages.sprintReports' },
  },
  {
    path: '/sprints/planning',
    name: 'sprint-planning',
    component: () => import('@/pages/sprints/SprintPlanningPage.vue'),
    meta: { titleKey: 'pages.sprintPlanning' },
  },
  {
    path: '/sprints/review',
    name: 'sprint-review',
    component: () => import('@/pages/sprints/SprintReviewPage.vue'),
    meta: { titleKey: 'pages.sprintReview' },
  },
  {
    path: '/processes/:id',
    name: 'process',
    component: () => import('@/pages/sprints/ProcessPage.vue'),
    meta: { titleKey: 'pages.process' },
  },
  {
    path: '/analytics',
    name: 'analytics-funnel',
    component: () => import('@/pages/analytics/FunnelPage.vue'),
    meta: { titleKey: 'pages.analyticsFunnel' },
  },
  {
    path: '/analytics/forecast',
    name: 'analytics-forecast',
    component: () => import('@/pages/analytics/ForecastPage.vue'),
    meta: { titleKey: 'pages.analyticsForecast' },
  },
  {
    path: '/analytics/import',
    name: 'analytics-import',
    component: () => import('@/pages/analytics/ImportPage.vue'),
    meta: { titleKey: 'pages.analyticsImport' },
  },
  {
    path: '/kpi/team',
    name: 'team-kpis',
    component: () => import('@/pages/analytics/TeamKpiPage.vue'),
    meta: { titleKey: 'pages.teamKpis' },
  },
  {
    path: '/kpi/:memberId?',
    name: 'scorecard',
    component: () => import('@/pages/analytics/ScorecardPage.vue'),
    meta: { titleKey: 'pages.kpis' },
  },
  {
    path: '/coaching/:memberId?',
    name: 'coaching',
    component: () => import('@/pages/analytics/CoachingPage.vue'),
    meta: { titleKey: 'pages.coaching' },
  },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('@/pages/notifications/NotificationsPage.vue'),
    meta: { titleKey: 'pages.notifications' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/errors/NotFoundPage.vue'),
    meta: { public: true, titleKey: 'pages.notFound' },
  },
];

/** Where a navigation may go, given whether the visitor is signed in. */
export function guardRoute(to: RouteLocationNormalized, signedIn: boolean) {
  if (signedIn && to.meta.guestOnly) return safeRedirect(to.query.redirect);
  if (!signedIn && !to.meta.public) {
    return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } };
  }
  return true;
}

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    await auth.ensureChecked();
    return guardRoute(to, auth.isSignedIn);
  });

  return router;
}
