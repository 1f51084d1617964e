import { Type } from '@sinclair/typebox';
import { TokenPairResponse } from './auth.schemas.js';

/** What a cookie session answers: the login/refresh pair without its refresh token. */
export const AccessTokenResponse = Type.Omit(TokenPairResponse, ['refresh_token'], {
  additionalProperties: false,
});
