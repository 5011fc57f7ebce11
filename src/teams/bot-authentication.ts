import type { Activity } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationError,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config.ts';

/**
 * Where the Bot Framework publishes its signing keys and issues tokens. Production uses botbuilder's public-cloud
 * defaults; tests point these at a local fake so real JWT validation runs against a local key.
 */
export interface BotFrameworkEndpoints {
  /** OpenID configuration whose jwks_uri lists the keys that sign channel → bot tokens. */
  openIdMetadataUrl: string;
  /** The `iss` of channel → bot tokens. */
  tokenIssuer: string;
  /** The login authority for the bot's own outbound tokens. */
  loginUrl: string;
  /** The audience of outbound tokens (the Bot Connector). */
  oAuthScope: string;
}

export interface TeamsAuthOptions {
  endpoints?: BotFrameworkEndpoints;
  /** How the bot gets outbound tokens; default: botbuilder's, by MICROSOFT_APP_TYPE (password or managed identity). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * Bot Framework authentication for MICROSOFT_APP_ID / _PASSWORD / _TENANT_ID / _TYPE. Without an app id botbuilder
 * runs with authentication off (its local-testing mode): the caller warns about it.
 */
export function createBotAuthentication(
  teams: Config['teams'],
  opts: TeamsAuthOptions = {},
): BotFrameworkAuthentication {
  const settings: Record<string, string> = {};
  if (teams.appId) {
    settings.MicrosoftAppId = teams.appId;
    settings.MicrosoftAppType = teams.appType;
    if (teams.appPassword) settings.MicrosoftAppPassword = teams.appPassword;
    if (teams.appTenantId) settings.MicrosoftAppTenantId = teams.appTenantId;
  }
  if (opts.endpoints) {
    const e = opts.endpoints;
    // Setting any endpoint switches botbuilder to "parameterized" mode, where every one must be given.
    Object.assign(settings, {
      ToBotFromChannelOpenIdMetadataUrl: e.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: e.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: e.tokenIssuer,
      ToChannelFromBotLoginUrl: e.loginUrl,
      ToChannelFromBotOAuthScope: e.oAuthScope,
      OAuthUrl: e.oAuthScope,
      CallerId: 'urn:botframework:azure',
    });
  }
  let inner: BotFrameworkAuthentication;
  try {
    inner = new ConfigurationBotFrameworkAuthentication(settings, opts.credentialsFactory);
  } catch (error) {
    throw new Error(`Teams authentication settings are invalid: ${(error as Error).message}`);
  }
  return new RejectingBotFrameworkAuthentication(inner);
}

/**
 * botbuilder answers 500 when a token is signed by an unknown key or is malformed (jsonwebtoken's own errors):
 * any failure to authenticate an inbound request is a 401 for the caller.
 */
class RejectingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asAuthenticationError(error);
    }
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string) {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw asAuthenticationError(error);
    }
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function asAuthenticationError(error: unknown): unknown {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof Error && JWT_ERRORS.has(error.name)) {
    return new AuthenticationError(`Unauthorized: ${error.message}`, 401);
  }
  return error;
}
