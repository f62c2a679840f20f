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

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    explain?: (status: number, error: ErrorBody) => string | undefined,
  ): Promise<Result<T, ApiError>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.server), {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return err({
        kind: 'unreachable',
        message: `Could not reach the sync server at ${this.server}. Check the address and your connection; the server may be down.`,
      });
    }
    if (response.status === 204) return ok(undefined as T);
    const json = (await response.json().catch(() => ({}))) as T & ErrorBody;
    if (response.ok) return ok(json);
    const explained = explain?.(response.status, json);
    if (explained)
      return err({
        kind: response.status === 401 ? 'unauthorized' : 'refused',
        message: explained,
      });
    if (response.status === 401) {
      return err({
        kind: 'unauthorized',
        message: 'This device is no longer signed in to the sync server. Sign in again.',
      });
    }
    if (response.status === 429) {
      const wait = json.retryAfterSeconds ?? Number(response.headers.get('retry-after') ?? 60);
      return err({
        kind: 'throttled',
        message: `Too many attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
      });
    }
    if (response.status >= 500) {
      return err({
        kind: 'server',
        message: `The sync server had a problem (${response.status}). Try again later.`,
      });
    }
    return err({
      kind: 'refused',
      message: json.message ?? `The sync server refused the request (${response.status}).`,
    });
  }
}
