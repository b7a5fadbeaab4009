import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { Readable } from 'node:stream';
import { IdentityKey } from '../../src/auth/identity-key.decorator';
import { AppError } from '../../src/common/errors/app-error';

/** Records of handler runs, so tests can prove a refused request never reached its handler. */
export const probeCalls: Array<{ route: string; identityKey: string }> = [];

/**
 * An AppError whose code is outside the server's catalogue, so a test can prove the HTTP layer
 * passes any AppError through as thrown (status and code), signed. The 403 comes from the
 * catalogue entry it borrows; only the code string is replaced.
 */
class ProbeRefusal extends AppError {
  constructor() {
    super('ERR_DELIVERY_BLOCKED', 'Refused by the probe.');
    (this as { code: string }).code = 'ERR_PROBE_REFUSED';
  }
}

/** Test-only routes that exercise every way a Nest handler can write its response. */
@Controller('probe')
export class ProbeController {
  @Post('echo')
  @HttpCode(200)
  echo(@IdentityKey() identityKey: string, @Body() body: unknown) {
    probeCalls.push({ route: 'echo', identityKey });
    return { identityKey, body };
  }

  @Get('query')
  query(@IdentityKey() identityKey: string, @Query() query: Record<string, unknown>) {
    return { identityKey, query };
  }

  @Post('void')
  @HttpCode(200)
  nothing(@IdentityKey() identityKey: string): void {
    probeCalls.push({ route: 'void', identityKey });
  }

  @Get('no-content')
  @HttpCode(204)
  noContent(): void {}

  @Get('app-error')
  appError(): never {
    throw new ProbeRefusal();
  }

  @Get('crash')
  crash(): never {
    throw new Error('secret internal detail');
  }

  @Get('stream')
  stream(): StreamableFile {
    return new StreamableFile(Readable.from([Buffer.from('chunk-1;'), Buffer.from('chunk-2')]), {
      type: 'text/plain',
    });
  }

  @Get('headers')
  @Header('x-bsv-probe', 'signed-value')
  @Header('cache-control', 'no-store')
  headers() {
    return { ok: true };
  }

  @Post('slow')
  @HttpCode(200)
  async slow(@IdentityKey() identityKey: string, @Body() body: { n: number }) {
    await new Promise((resolve) => setImmediate(resolve));
    return { identityKey, n: body.n };
  }
}
