import { SlipwayError } from '../../../shared/errors';

/** An image reference split the way Docker splits it. */
export interface ImageRef {
  /** The registry host as written (`127.0.0.1:5000`, `ghcr.io`), or `docker.io`. */
  registry: string;
  /** The name without tag or digest, as written (`127.0.0.1:5000/team/app`, `app`). */
  repository: string;
  /** The tag, `latest` when none was written. */
  tag: string;
  digest?: string;
}

/** The key the Docker CLI stores Docker Hub credentials under. */
const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function parseImageRef(reference: string): ImageRef {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (rest === '' || !TAG.test(tag)) {
    throw new SlipwayError('image_name_invalid', `"${reference}" is not a valid image name`, 'Write it as [REGISTRY/]NAME[:TAG], e.g. registry.example.com:5000/team/app:1.0.');
  }
  const first = rest.split('/')[0] ?? rest;
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const ref: ImageRef = { registry: hasRegistry ? first : 'docker.io', repository: rest, tag };
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** The key credentials for this registry are stored under in config.json. */
export function authKey(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? DOCKER_HUB_AUTH_KEY : registry;
}

/** The Docker CLI's ConvertToHostname: drops the scheme and any path. */
export function convertToHostname(address: string): string {
  const withoutScheme = address.replace(/^https?:\/\//, '');
  return withoutScheme.split('/')[0] ?? withoutScheme;
}
