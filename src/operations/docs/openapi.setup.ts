import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PACKAGE_VERSION } from '../../common/package-version';
import { ErrorResponseDto } from './error-response.dto';
import { addHandshakePath } from './handshake.openapi';

export const BRC104_SECURITY = 'brc104';
export const METRICS_SECURITY = 'metrics';

/**
 * Built from the controllers' decorators and DTOs at start-up; only the handshake, which no
 * controller answers, is described by hand. The version is the package's.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('MessageBox server')
    .setDescription(
      'Stores and routes messages between BSV identity keys. Every non-public route needs ' +
        'BRC-103/104 mutual authentication: a handshake at POST /.well-known/auth (origin root), ' +
        'then requests signed over their exact bytes (x-bsv-auth-* headers, e.g. with AuthFetch ' +
        'from @bsv/sdk); every response to such a request is signed by the server.',
    )
    .setVersion(PACKAGE_VERSION)
    .addSecurity(BRC104_SECURITY, {
      type: 'apiKey',
      in: 'header',
      name: 'x-bsv-auth-identity-key',
      description:
        'BRC-104 signed request (x-bsv-auth-version, -identity-key, -nonce, -your-nonce, ' +
        '-request-id, -signature); cannot be produced by hand in this UI.',
    })
    .addBearerAuth({ type: 'http', scheme: 'bearer' }, METRICS_SECURITY)
    .build();
  return addHandshakePath(
    SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] }),
  );
}

/** Public UI at /docs and the JSON document at /openapi.json, both at the origin root. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    useGlobalPrefix: false,
    ui: true,
  });
}
