import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Operations: metrics (the controllers /metrics and /readyz are registered in AppModule). */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class OpsModule {}
