import { z } from 'zod';
import type { RegistryAuth } from '../credentials';
import { AUTH_PROTO } from './proto/auth-proto';
import { grpc, grpcError, serviceDefinition } from './grpc-services';

/** The login for a registry host, as credentials.ts resolves it (undefined: anonymous). */
export type CredentialsLookup = (host: string) => Promise<RegistryAuth | undefined>;

interface Answer {
  Username: string;
  Secret: string;
}

/** BuildKit asks with the host it pulls from; Docker Hub's pull host stands for docker.io. */
function registryOf(host: string): string {
  return host === 'registry-1.docker.io' ? 'docker.io' : host;
}

/** authprovider's toCredentials: an identity token goes as the secret with no user. */
function toCredentials(auth: RegistryAuth | undefined): Answer {
  if (auth?.identitytoken) return { Username: '', Secret: auth.identitytoken };
  return { Username: auth?.username ?? '', Secret: auth?.password ?? '' };
}

/**
 * `moby.filesync.v1.Auth` as buildkit's session/auth/authprovider serves it: the engine
 * asks for the user's login when it pulls a FROM image, and for a bearer token from a
 * registry's token service. Client-side token authority is off (Unavailable), as
 * authprovider answers with BUILDKIT_NO_CLIENT_TOKEN; the engine then fetches tokens itself
 * or through FetchToken. Nothing here logs what it answers.
 */
export function authService(lookup: CredentialsLookup): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
  const credentials = async (host: string) => toCredentials(await lookup(registryOf(host)));
  return {
    definition: serviceDefinition(AUTH_PROTO, 'moby.filesync.v1.Auth'),
    implementation: {
      Credentials: (call: grpc.ServerUnaryCall<{ Host: string }, Answer>, callback: grpc.sendUnaryData<Answer>) => {
        credentials(call.request.Host).then(
          (answer) => callback(null, answer),
          (error: unknown) => callback(grpcError(grpc.status.UNAVAILABLE, error instanceof Error ? error.message : String(error))),
        );
      },
      FetchToken: (call: grpc.ServerUnaryCall<TokenRequest, TokenAnswer>, callback: grpc.sendUnaryData<TokenAnswer>) => {
        credentials(call.request.Host)
          .then((creds) => fetchToken(call.request, creds))
          .then(
            (answer) => callback(null, answer),
            (error: unknown) => callback(grpcError(grpc.status.UNAUTHENTICATED, `failed to fetch a token for ${call.request.Host}: ${error instanceof Error ? error.message : String(error)}`)),
          );
      },
      GetTokenAuthority: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback(grpcError(grpc.status.UNAVAILABLE, 'client side tokens disabled')),
      VerifyTokenAuthority: (_call: unknown, callback: grpc.sendUnaryData<never>) => callback(grpcError(grpc.status.UNAVAILABLE, 'client side tokens disabled')),
    },
  };
}

interface TokenRequest {
  ClientID: string;
  Host: string;
  Realm: string;
  Service: string;
  Scopes: string[];
}

interface TokenAnswer {
  Token: string;
  ExpiresIn: number;
  IssuedAt: number;
}

// What a token service answers (docker/distribution token spec): `token` or `access_token`.
const TokenBody = z
  .object({
    token: z.string().optional().catch(undefined),
    access_token: z.string().optional().catch(undefined),
    expires_in: z.number().optional().catch(undefined),
    issued_at: z.string().optional().catch(undefined),
  })
  .transform((body) => {
    const token = body.access_token ?? body.token ?? '';
    if (token === '') throw new Error('the token service answered without a token');
    const issued = body.issued_at === undefined ? NaN : Date.parse(body.issued_at);
    return { token, expiresIn: body.expires_in ?? 0, issuedAt: Number.isNaN(issued) ? 0 : Math.floor(issued / 1000) };
  });

/**
 * The registry token protocol as containerd's authutil does it: with a login, the OAuth POST
 * (password or refresh-token grant), falling back to GET with basic auth where a registry
 * does not take POST (404, 401, 405); without one, an anonymous GET.
 */
async function fetchToken(request: TokenRequest, creds: Answer): Promise<TokenAnswer> {
  const clientId = request.ClientID || 'buildkit-client';
  if (creds.Secret !== '') {
    const form = new URLSearchParams({ client_id: clientId, service: request.Service, scope: request.Scopes.join(' ') });
    if (creds.Username === '') {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', creds.Secret);
    } else {
      form.set('grant_type', 'password');
      form.set('username', creds.Username);
      form.set('password', creds.Secret);
    }
    const posted = await fetch(request.Realm, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    if (posted.ok) return answer(TokenBody.parse(await posted.json()));
    if (![404, 401, 405].includes(posted.status)) throw new Error(`the token service answered ${posted.status}`);
  }
  const url = new URL(request.Realm);
  if (request.Service) url.searchParams.set('service', request.Service);
  for (const scope of request.Scopes) url.searchParams.append('scope', scope);
  const headers: Record<string, string> = {};
  if (creds.Secret !== '') headers.Authorization = `Basic ${Buffer.from(`${creds.Username}:${creds.Secret}`).toString('base64')}`;
  const got = await fetch(url, { headers });
  if (!got.ok) throw new Error(`the token service answered ${got.status}`);
  return answer(TokenBody.parse(await got.json()));
}

function answer(body: { token: string; expiresIn: number; issuedAt: number }): TokenAnswer {
  return { Token: body.token, ExpiresIn: body.expiresIn, IssuedAt: body.issuedAt };
}
