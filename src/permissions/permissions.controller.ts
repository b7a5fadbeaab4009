import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { IdentityKey } from '../auth/identity-key.decorator';
import { EnvironmentVariables } from '../config/environment-variables';
import {
  parseGetPermission,
  parseListPermissions,
  parseQuote,
  parseSetPermission,
} from './permission-requests';
import { PermissionsService } from './permissions.service';

@Controller('permissions')
export class PermissionsController {
  private readonly isValidKey: (hex: string) => boolean;
  private readonly maxRecipients: number;

  constructor(
    private readonly permissions: PermissionsService,
    crypto: CryptoProvider,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.isValidKey = (hex) => crypto.isValidPublicKey(hex);
    this.maxRecipients = config.get('MAX_RECIPIENTS_PER_SEND', { infer: true });
  }

  @Post('set')
  @HttpCode(200)
  set(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.permissions.set(identityKey, parseSetPermission(body, this.isValidKey));
  }

  @Get('get')
  get(@IdentityKey() identityKey: string, @Query() query: unknown) {
    return this.permissions.get(identityKey, parseGetPermission(query, this.isValidKey));
  }

  @Get('list')
  list(@IdentityKey() identityKey: string, @Query() query: unknown) {
    return this.permissions.list(identityKey, parseListPermissions(query));
  }

  @Get('quote')
  quote(@IdentityKey() identityKey: string, @Query() query: unknown) {
    return this.permissions.quote(
      identityKey,
      parseQuote(query, this.isValidKey, this.maxRecipients),
    );
  }
}
