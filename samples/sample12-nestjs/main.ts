/**
 * Sample 12: a NestJS service traced by `hivetrace/nestjs`. `HivetraceModule.forRoot` creates
 * and provides the tracer (injectable as `HoneyHiveTracer`), traces every handler (interceptAll)
 * in its own session, and closes the tracer when the app closes. A `@Trace`d provider's span is
 * a child of the request's server span. Nest projects compile with experimentalDecorators:
 *   TS_NODE_PROJECT=samples/sample12-nestjs/tsconfig.json npx ts-node samples/sample12-nestjs/main.ts
 */
import 'reflect-metadata';
import { Controller, Get, Injectable, Module, Param, ParseIntPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { enrichSpan, Trace } from '../../lib';
import { startCollector } from '../../lib/collector';
import { HivetraceModule } from '../../lib/nestjs';

async function main(): Promise<void> {
  const collector = await startCollector({ port: 0, dbPath: ':memory:' });

  @Injectable()
  class OrdersService {
    @Trace({ eventType: 'tool' })
    find(id: number): { id: number; status: string } {
      enrichSpan({ metadata: { cache: 'miss' } });
      return { id, status: id % 2 ? 'shipped' : 'processing' };
    }
  }

  @Controller('orders')
  class OrdersController {
    constructor(private readonly orders: OrdersService) {}

    @Get(':id')
    get(@Param('id', ParseIntPipe) id: number): { id: number; status: string } {
      return this.orders.find(id);
    }
  }

  @Module({
    imports: [
      HivetraceModule.forRoot({
        apiKey: 'local',
        project: 'orders-api',
        serverUrl: collector.url,
        interceptAll: true,
      }),
    ],
    controllers: [OrdersController],
    providers: [OrdersService],
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  for (const id of [7, 8])
    console.log(`GET /orders/${id} →`, await (await fetch(`${url}/orders/${id}`)).json());
  await app.close(); // closes the tracer: what it holds is delivered

  for (const s of collector.events.listSessions({ project: 'orders-api' }).sessions.reverse()) {
    console.log(`session "${s.event_name}"`);
    for (const e of collector.events.sessionEvents(s.session_id).filter((x) => x.event_type !== 'session'))
      console.log(`  ${e.parent_id === s.session_id ? '' : '  └─ '}${e.event_name} [${e.event_type}]`);
  }
  await collector.close();
}

void main();
