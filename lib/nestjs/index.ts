/**
 * `hivetrace/nestjs`: the NestJS entry point (`@nestjs/common`, `@nestjs/core` and `rxjs` are
 * optional peers, needed only here).
 *
 * @packageDocumentation
 */
export { HivetraceInterceptor } from './HivetraceInterceptor';
export type { HivetraceModuleAsyncOptions, HivetraceModuleOptions } from './HivetraceModule';
export { HivetraceModule } from './HivetraceModule';
export { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
