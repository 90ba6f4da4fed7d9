/**
 * A real NestJS application (compiled with experimentalDecorators, as Nest projects are) traced by
 * `hivetrace/nestjs`, sending to a collector (argv[2]). Two services: "support", whose guarded
 * controller calls a `@Trace`d provider that calls "billing" over HTTP with the trace context;
 * "billing" continues the trace. Prints their URLs, and closes on SIGTERM (shutdown hooks).
 */
import 'reflect-metadata';
import type { CanActivate, ExecutionContext, INestApplication } from '@nestjs/common';
import {
  Controller,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Param,
  ParseIntPipe,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Trace } from '../../../lib/decorators/Trace';
import { HivetraceInterceptor, HivetraceModule, HoneyHiveTracer } from '../../../lib/nestjs';
import { injectContextIntoCarrier } from '../../../lib/propagation/distributed';

const collectorUrl = process.argv[2]!;
let billingUrl = '';

@Injectable()
class InvoiceService {
  @Trace({ eventType: 'tool' })
  total(customer: string): number {
    return customer.length * 10;
  }
}

@Controller('invoices')
@UseInterceptors(HivetraceInterceptor)
class InvoiceController {
  constructor(private readonly invoices: InvoiceService) {}

  @Get('total')
  total(@Query('customer') customer: string): { total: number } {
    return { total: this.invoices.total(customer) };
  }
}

@Module({
  imports: [HivetraceModule.forRoot({ apiKey: 'local', project: 'billing', serverUrl: collectorUrl })],
  controllers: [InvoiceController],
  providers: [InvoiceService],
})
class BillingModule {}

@Injectable()
class UserGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    return (
      ctx.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers['x-user'] !== undefined
    );
  }
}

@Trace({ eventType: 'chain' })
@Injectable()
class AnswerService {
  constructor(private readonly tracer: HoneyHiveTracer) {}

  async answer(question: string): Promise<{ answer: string; total: number }> {
    const res = await fetch(`${billingUrl}/invoices/total?customer=${encodeURIComponent(question)}`, {
      headers: injectContextIntoCarrier({}, this.tracer),
    });
    const { total } = (await res.json()) as { total: number };
    return { answer: `about ${question}`, total };
  }
}

@Controller()
@UseGuards(UserGuard)
class SupportController {
  constructor(private readonly answers: AnswerService) {}

  @Get('answer')
  answer(@Query('q') q: string): Promise<{ answer: string; total: number }> {
    return this.answers.answer(q);
  }

  // @Trace above Nest's own decorators: the route, the pipe and their metadata must survive
  @Trace({ eventType: 'tool' })
  @Get('orders/:id')
  order(@Param('id', ParseIntPipe) id: number): { id: number; type: string } {
    return { id, type: typeof id };
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such thing');
  }

  @Get('boom')
  boom(): never {
    throw new Error('kaboom');
  }
}

@Module({
  imports: [
    HivetraceModule.forRootAsync({
      useFactory: async () => ({ apiKey: 'local', project: 'support', serverUrl: collectorUrl }),
      interceptAll: true,
    }),
  ],
  controllers: [SupportController],
  providers: [AnswerService, UserGuard],
})
class SupportModule {}

async function main(): Promise<void> {
  const apps: INestApplication[] = [];
  for (const m of [BillingModule, SupportModule]) {
    const app = await NestFactory.create(m, { logger: false });
    app.enableShutdownHooks();
    await app.listen(0, '127.0.0.1');
    apps.push(app);
  }
  billingUrl = await apps[0]!.getUrl();
  console.log(
    JSON.stringify({ support: (await apps[1]!.getUrl()).replace('[::1]', '127.0.0.1'), billing: billingUrl }),
  );
}

void main();
