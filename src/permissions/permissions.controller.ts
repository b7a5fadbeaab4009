import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { IdentityKey } from '../auth/identity-key.decorator';
import { LimitsConfig } from '../config/configuration';
import { ApiAuthenticatedErrors } from '../operations/docs/api-errors.decorator';
import { BRC104_SECURITY } from '../operations/docs/openapi.setup';
import { DescribedSuccessDto } from './dto/described-success.dto';
import { GetPermissionResponseDto } from './dto/get-permission-response.dto';
import { ListPermissionsResponseDto } from './dto/list-permissions-response.dto';
import { QuoteResponseDto } from './dto/quote-response.dto';
import { SetPermissionRequestDto } from './dto/set-permission-request.dto';
import {
  GET_PERMISSION_REQUEST_ERRORS,
  LIST_PERMISSIONS_REQUEST_ERRORS,
  parseGetPermission,
  parseListPermissions,
  parseQuote,
  parseSetPermission,
  QUOTE_REQUEST_ERRORS,
  SET_PERMISSION_REQUEST_ERRORS,
} from './permission-requests';
import { PermissionsService } from './permissions.service';

/**
 * Bodies and queries arrive `unknown` and are parsed here, at the edge, by the protocol-order
 * parsers; the service takes typed queries. Each route documents the error list its parser exports.
 */
@ApiTags('permissions')
@ApiSecurity(BRC104_SECURITY)
@Controller('permissions')
export class PermissionsController {
  private readonly isValidKey: (hex: string) => boolean;
  private readonly maxRecipients: number;

  constructor(
    private readonly permissions: PermissionsService,
    crypto: CryptoProvider,
    limits: LimitsConfig,
  ) {
    this.isValidKey = (hex) => crypto.isValidPublicKey(hex);
    this.maxRecipients = limits.maxRecipientsPerSend;
  }

  @Post('set')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the caller’s fee for one sender or, without sender, for everyone' })
  @ApiBody({ type: SetPermissionRequestDto })
  @ApiOkResponse({ type: DescribedSuccessDto })
  @ApiAuthenticatedErrors({ 400: SET_PERMISSION_REQUEST_ERRORS })
  set(@IdentityKey() identityKey: string, @Body() body: unknown): Promise<DescribedSuccessDto> {
    return this.permissions.set(identityKey, parseSetPermission(body, this.isValidKey));
  }

  @Get('get')
  @ApiOperation({ summary: 'The caller’s exact rule for a box (and sender), or null' })
  @ApiQuery({ name: 'messageBox', type: String })
  @ApiQuery({ name: 'sender', type: String, required: false })
  @ApiOkResponse({ type: GetPermissionResponseDto })
  @ApiAuthenticatedErrors({ 400: GET_PERMISSION_REQUEST_ERRORS })
  get(
    @IdentityKey() identityKey: string,
    @Query() query: unknown,
  ): Promise<GetPermissionResponseDto> {
    return this.permissions.get(identityKey, parseGetPermission(query, this.isValidKey));
  }

  @Get('list')
  @ApiOperation({ summary: 'The caller’s rules, newest first by default' })
  @ApiQuery({ name: 'messageBox', type: String, required: false })
  @ApiQuery({ name: 'message_box', type: String, required: false })
  @ApiQuery({ name: 'limit', type: Number, required: false, description: '1..1000, default 100' })
  @ApiQuery({ name: 'offset', type: Number, required: false })
  @ApiQuery({ name: 'createdAtOrder', enum: ['asc', 'desc'], required: false })
  @ApiOkResponse({ type: ListPermissionsResponseDto })
  @ApiAuthenticatedErrors({ 400: LIST_PERMISSIONS_REQUEST_ERRORS })
  list(
    @IdentityKey() identityKey: string,
    @Query() query: unknown,
  ): Promise<ListPermissionsResponseDto> {
    return this.permissions.list(identityKey, parseListPermissions(query));
  }

  @Get('quote')
  @ApiOperation({ summary: 'Delivery and recipient fees for one or repeated recipients' })
  @ApiQuery({ name: 'messageBox', type: String })
  @ApiQuery({ name: 'recipient', type: [String], description: 'Repeat for several recipients' })
  @ApiOkResponse({ type: QuoteResponseDto })
  @ApiAuthenticatedErrors({ 400: QUOTE_REQUEST_ERRORS })
  quote(@IdentityKey() identityKey: string, @Query() query: unknown): Promise<QuoteResponseDto> {
    return this.permissions.quote(
      identityKey,
      parseQuote(query, this.isValidKey, this.maxRecipients),
    );
  }
}
