import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { BuildEvent } from '../build-progress';
import { readEngineMessage } from '../engine-message';
import { jsonLines } from '../json-lines';
import { BuildKitProgress, type BuildKitFailure } from './buildkit-progress';
import { openSession, type SessionOptions } from './session';
import { decodeStatus } from './status-decode';

export interface BuildKitRequest {
  /** POST /build parameters (without version, session and remote). */
  query: Record<string, unknown>;
  session: SessionOptions;
  signal?: AbortSignal;
  onEvent(event: BuildEvent): void;
}

export type BuildKitOutcome =
  | { ok: true; imageId: string; cachedSteps: number; totalSteps: number }
  | { ok: false; message: string; failure: BuildKitFailure };

// The aux values of a BuildKit build's stream: the trace (base64 StatusResponse) and the image id.
const Trace = z.object({ id: z.literal('moby.buildkit.trace'), aux: z.string() });
const ImageId = z.object({ id: z.literal('moby.image.id'), aux: z.object({ ID: z.string() }) });

/**
 * One build with the engine's BuildKit (API build version 2): a session that serves the
 * build context and the Dockerfile (synced, so an unchanged context costs one listing),
 * registry logins, secrets and ssh; progress from the status stream. The session
 * closes when the build ends, fails or is cancelled. This module (and gRPC with it) is
 * loaded only when a BuildKit build runs.
 */
export async function runBuildKit(docker: Docker, request: BuildKitRequest): Promise<BuildKitOutcome> {
  const session = await openSession(docker, request.session);
  const progress = new BuildKitProgress();
  let imageId: string | undefined;
  let error: string | undefined;
  try {
    const response = await postBuild(docker, request, session.id);
    const onAbort = () => response.destroy(new Error('cancelled'));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const raw of jsonLines(response)) {
        const trace = Trace.safeParse(raw);
        if (trace.success) {
          for (const event of progress.feed(decodeStatus(trace.data.aux))) request.onEvent(event);
          continue;
        }
        const image = ImageId.safeParse(raw);
        if (image.success) {
          imageId = image.data.aux.ID;
          request.onEvent({ kind: 'built', imageId });
          continue;
        }
        const message = readEngineMessage(raw);
        const failed = message.errorDetail?.message ?? message.error;
        if (failed !== undefined) error = failed;
        else if (message.stream !== undefined && message.stream.trim() !== '') request.onEvent({ kind: 'output', line: message.stream.trimEnd() });
      }
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }
  } finally {
    session.close();
  }
  if (error !== undefined) return { ok: false, message: error, failure: progress.failure() };
  if (imageId === undefined) return { ok: false, message: 'the engine ended the build without an image', failure: progress.failure() };
  const steps = progress.steps();
  return { ok: true, imageId, cachedSteps: steps.cached, totalSteps: steps.total };
}

function postBuild(docker: Docker, request: BuildKitRequest, sessionId: string): Promise<Readable> {
  // The context comes through the session, as docker's BuildKit client sends it: the body is empty.
  const options = { ...request.query, version: '2', session: sessionId, remote: 'client-session' };
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build?',
        method: 'POST',
        file: Buffer.alloc(0),
        options,
        isStream: true,
        ...(request.signal ? { abortSignal: request.signal } : {}),
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      },
      (error, response) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else if (isReadable(response)) resolve(response);
        else reject(new Error('the engine answered the build without a stream'));
      },
    );
  });
}

function isReadable(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && 'pipe' in value && 'on' in value;
}
