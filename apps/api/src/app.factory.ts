import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { Clock } from './config/clock';
import { bodyParserErrors } from './problem-details/body-parser-errors';
import { refuseDeepBodies } from './problem-details/body-depth';
import { createValidationPipe } from './problem-details/validation';
import { correlationMiddleware } from './request-context/correlation.middleware';

/** Builds the HTTP application exactly as it runs, for main and for the end-to-end tests alike. */
export async function createApp(config: AppConfig, clock?: Clock): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config, clock), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.use(correlationMiddleware);
  app.use(json({ limit: config.bodyLimitBytes, strict: true }));
  app.use(bodyParserErrors);
  app.use(refuseDeepBodies);
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Youth-protection case tracking — Rotterdam Rijnmond')
      .setDescription(
        'Youth protectors log case steps as events; timeliness is judged against the inspection norms. ' +
          'Errors are RFC 9457 problem+json. Get a local token with `npm run token -- --role admin`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
