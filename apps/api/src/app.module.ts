import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PlatformModule, PlatformOptions } from '@zhulian/core';
import { IdentityModule } from '@zhulian/identity';
import { HealthController } from './health/health.controller';

/** The domain modules the API serves. Wiring only: every rule lives in a lib. */
export const DOMAIN_MODULES = [IdentityModule];

@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(options), TerminusModule, ...DOMAIN_MODULES],
      controllers: [HealthController],
    };
  }
}
