import type { Request, Response } from 'express';
import type { Viewer } from '../auth/viewer';
import type { Loaders } from './loaders';

/** What every GraphQL resolver gets: the request, the viewer (once the guard ran) and this request's loaders. */
export interface RequestContext {
  req: Request;
  res: Response;
  viewer: Viewer | null;
  /** The sign-in check of this request, started by the first guarded field (sibling fields resolve at once and share it). */
  viewerCheck?: Promise<Viewer | null>;
  loaders: Loaders;
}

/** The client's address (X-Forwarded-For is honoured only when TRUST_PROXY is on, via Express). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
