import type { NextFunction, Request, Response } from 'express';
import { routeOf } from '../../common/http/route-of';
import { MetricsService } from './metrics.service';

/** First middleware: times each request until its response (signed or not) has been sent. */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.requestDuration.startTimer();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      end(labels);
      metrics.requests.inc(labels);
    });
    next();
  };
}
