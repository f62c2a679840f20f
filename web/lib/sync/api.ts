// The sync server's JSON API, from the browser. Every call returns a Result whose error is a
// sentence for the person using the app, never a raw status code.
import { err, ok, type Result } from '@tally/model';

export interface DeviceInfo {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt?: number;
  current: boolean;
}

export interface SignIn {
  token: string;
  user: { name: string };
  device: DeviceInfo;
}

export interface RemoteDoc {
  name: string;
  bytes: number;
  updatedAt: number;
}

export type ApiError = {
  kind: 'unauthorized' | 'unreachable' | 'refused' | 'throttled' | 'server';
  message: string;
};

/** A kept file the server holds for this account (content-addressed by its SHA-256). */
export interface ServerFile {
  hash: string;
  size: number;
}

export interface ServerFiles {
  files: ServerFile[];
  /** The largest file the server takes, when it says. */
  maxFileBytes?: number;
}

/** Why the server did not take a file: too large for it, or the account's quota is used up. */
export type PutFileError = ApiError | { kind: 'too-large' | 'over-quota'; message: string };

interface ErrorBody {
  error?: string;
  message?: string;
  retryAfterSeconds?: number;
}

export class Api {
  readonly server: string;
  readonly token: string | undefined;

  constructor(server: string, token?: string) {
    this.server = server;
    this.token = token;
  }

  signIn(
    username: string,
    password: string,
    deviceName: string,
  ): Promise<Result<SignIn, ApiError>> {
    return this.call<SignIn>('POST', '/api/login', { username, password, deviceName }, (status) =>
      status === 401 ? 'The username or password is not right.' : undefined,
    );
  }

  me(): Promise<Result<{ user: { name: string }; device: DeviceInfo }, ApiError>> {
    return this.call('GET', '/api/me');
  }

  async devices(): Promise<Result<DeviceInfo[], ApiError>> {
    const r = await this.call<{ devices: DeviceInfo[] }>('GET', '/api/devices');
    return r.ok ? ok(r.value.devices) : r;
  }

  revoke(deviceId: number): Promise<Result<void, ApiError>> {
    return this.call('DELETE', `/api/devices/${deviceId}`);
  }

  signOut(): Promise<Result<void, ApiError>> {
    return this.call('POST', '/api/logout');
  }

  async docs(): Promise<Result<RemoteDoc[], ApiError>> {
    const r = await this.call<{ docs: RemoteDoc[] }>('GET', '/api/docs');
    return r.ok ? ok(r.value.docs) : r;
  }

  deleteAccount(password: string): Promise<Result<void, ApiError>> {
    return this.call('DELETE', '/api/account', { password }, (status) =>
      status === 401 || status === 403 ? 'That password is not right.' : undefined,
    );
  }

  async files(): Promise<Result<ServerFiles, ApiError>> {
    const r = await this.call<{ files?: unknown; maxFileBytes?: unknown }>(
      'GET',
      '/api/files',
      undefined,
      (status) =>
        status === 404
          ? 'This sync server cannot store kept files; it may be an older version.'
          : undefined,
    );
    if (!r.ok) return r;
    if (!Array.isArray(r.value.files)) {
      return err({
        kind: 'server',
        message:
          'The sync server did not list kept files. It may be an older version that cannot store them.',
      });
    }
    const files = (r.value.files as Partial<ServerFile>[]).flatMap((f) =>
      typeof f.hash === 'string' ? [{ hash: f.hash, size: Number(f.size ?? 0) }] : [],
    );
    const max = r.value.maxFileBytes;
    return ok(typeof max === 'number' && max > 0 ? { files, maxFileBytes: max } : { files });
  }

  /** Stores a file under its SHA-256 (hex); `stored` is false when the server had it already. */
  async putFile(
    hash: string,
    bytes: Uint8Array,
  ): Promise<Result<{ stored: boolean }, PutFileError>> {
    const sent = await this.send('PUT', filePath(hash), {
      body: bytes as Uint8Array<ArrayBuffer>,
      contentType: 'application/octet-stream',
    });
    if (!sent.ok) return sent;
    const response = sent.value;
    const json = (await response.json().catch(() => ({}))) as { stored?: boolean } & ErrorBody;
    if (response.ok) return ok({ stored: json.stored ?? response.status === 201 });
    if (response.status === 413) {
      const text = json.error ?? json.message ?? 'The file is too large for the sync server.';
      return err({ kind: /quota/i.test(text) ? 'over-quota' : 'too-large', message: text });
    }
    return err(this.failure(response, json, refusal(json)));
  }

  /** A kept file's bytes, or undefined when the server has no such file for this account. */
  async getFile(hash: string): Promise<Result<Uint8Array | undefined, ApiError>> {
    const sent = await this.send('GET', filePath(hash));
    if (!sent.ok) return sent;
    const response = sent.value;
    if (response.ok) {
      try {
        return ok(new Uint8Array(await response.arrayBuffer()));
      } catch {
        return err({
          kind: 'unreachable',
          message: `The connection to the sync server at ${this.server} broke while fetching a file. Try again.`,
        });
      }
    }
    const json = (await response.json().catch(() => ({}))) as ErrorBody;
    if (response.status === 404) return ok(undefined);
    return err(this.failure(response, json, refusal(json)));
  }

  async deleteFile(hash: string): Promise<Result<void, ApiError>> {
    const sent = await this.send('DELETE', filePath(hash));
    if (!sent.ok) return sent;
    const response = sent.value;
    if (response.ok) return ok(undefined);
    const json = (await response.json().catch(() => ({}))) as ErrorBody;
    return err(this.failure(response, json, refusal(json)));
  }

  private async send(
    method: string,
    path: string,
    options: { body?: BodyInit; contentType?: string } = {},
  ): Promise<Result<Response, ApiError>> {
    try {
      return ok(
        await fetch(new URL(path, this.server), {
          method,
          headers: {
            ...(options.contentType ? { 'content-type': options.contentType } : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
          body: options.body,
          credentials: 'omit',
          cache: 'no-store',
        }),
      );
    } catch {
      return err({
        kind: 'unreachable',
        message: `Could not reach the sync server at ${this.server}. Check the address and your connection; the server may be down.`,
      });
    }
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    explain?: (status: number, error: ErrorBody) => string | undefined,
  ): Promise<Result<T, ApiError>> {
    const sent = await this.send(
      method,
      path,
      body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' },
    );
    if (!sent.ok) return sent;
    const response = sent.value;
    if (response.status === 204) return ok(undefined as T);
    const json = (await response.json().catch(() => ({}))) as T & ErrorBody;
    if (response.ok) return ok(json);
    return err(this.failure(response, json, (status) => explain?.(status, json)));
  }

  /** A refused request in words: `explain` may say it better for a given status. */
  private failure(
    response: Response,
    json: ErrorBody,
    explain?: (status: number) => string | undefined,
  ): ApiError {
    const explained = explain?.(response.status);
    if (explained)
      return {
        kind: response.status === 401 ? 'unauthorized' : 'refused',
        message: explained,
      };
    if (response.status === 401) {
      return {
        kind: 'unauthorized',
        message: 'This device is no longer signed in to the sync server. Sign in again.',
      };
    }
    if (response.status === 429) {
      const wait = json.retryAfterSeconds ?? Number(response.headers.get('retry-after') ?? 60);
      return {
        kind: 'throttled',
        message: `Too many attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
      };
    }
    if (response.status >= 500) {
      return {
        kind: 'server',
        message: `The sync server had a problem (${response.status}). Try again later.`,
      };
    }
    return {
      kind: 'refused',
      message: json.message ?? `The sync server refused the request (${response.status}).`,
    };
  }
}

/** The server's own words for a refusal (a bad hash, a missing file), not for 401/429/5xx. */
function refusal(json: ErrorBody): (status: number) => string | undefined {
  return (status) =>
    status >= 400 && status < 500 && status !== 401 && status !== 429 ? json.error : undefined;
}

function filePath(hash: string): string {
  return `/api/files/${encodeURIComponent(hash)}`;
}
