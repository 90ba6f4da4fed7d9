import type { DynamicModule, FactoryProvider, ModuleMetadata, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { TracerOptions } from '../config/TracerOptions';
import { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import { HivetraceInterceptor } from './HivetraceInterceptor';

/** `HivetraceModule.forRoot` options: the tracer's, and whether every handler is traced. */
export interface HivetraceModuleOptions extends TracerOptions {
  /** Register `HivetraceInterceptor` for every controller (`APP_INTERCEPTOR`). Default false. */
  interceptAll?: boolean;
}

/** `HivetraceModule.forRootAsync` options: a factory of the tracer's options, with its injections. */
export interface HivetraceModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => TracerOptions | Promise<TracerOptions>;
  inject?: FactoryProvider['inject'];
  /** Register `HivetraceInterceptor` for every controller. Default false. */
  interceptAll?: boolean;
}

/** Closes the tracer when the application shuts down (`app.close()`, or a signal with `enableShutdownHooks()`). */
const shutdown: FactoryProvider = {
  provide: 'HIVETRACE_SHUTDOWN',
  useFactory: (tracer: HoneyHiveTracer) => ({
    onApplicationShutdown: () => tracer.close(),
  }),
  inject: [HoneyHiveTracer],
};

function providers(tracer: Provider, interceptAll: boolean | undefined): Provider[] {
  const list: Provider[] = [tracer, HivetraceInterceptor, shutdown];
  if (interceptAll) list.push({ provide: APP_INTERCEPTOR, useExisting: HivetraceInterceptor });
  return list;
}

/**
 * hivetrace for NestJS: creates the tracer, provides it (inject `HoneyHiveTracer`), provides
 * `HivetraceInterceptor`, and closes the tracer (flushing what it holds) on application shutdown.
 * Global, so any module can inject the tracer.
 *
 * @example
 * \@Module({ imports: [HivetraceModule.forRoot({ apiKey, project: 'support', interceptAll: true })] })
 * export class AppModule {}
 */
export class HivetraceModule {
  /** The module with a tracer built from `options`. */
  static forRoot(options: HivetraceModuleOptions): DynamicModule {
    const { interceptAll, ...tracerOptions } = options;
    return {
      module: HivetraceModule,
      global: true,
      providers: providers(
        { provide: HoneyHiveTracer, useFactory: () => HoneyHiveTracer.init(tracerOptions) },
        interceptAll,
      ),
      exports: [HoneyHiveTracer, HivetraceInterceptor],
    };
  }

  /** The module with a tracer built from options a factory makes (from `ConfigService`, say). */
  static forRootAsync(options: HivetraceModuleAsyncOptions): DynamicModule {
    return {
      module: HivetraceModule,
      global: true,
      imports: options.imports ?? [],
      providers: providers(
        {
          provide: HoneyHiveTracer,
          useFactory: async (...args: never[]) => HoneyHiveTracer.init(await options.useFactory(...args)),
          inject: options.inject ?? [],
        },
        options.interceptAll,
      ),
      exports: [HoneyHiveTracer, HivetraceInterceptor],
    };
  }
}

Module({})(HivetraceModule);
