// Accounts and devices: sign-in, registration, device tokens, revocation, account deletion.
// Failures are values; the HTTP layer maps them to statuses.
import { err, ok, type Result } from '@tally/model/result';
import type { AccountStore, Device, User, UserSummary } from '../storage/port.ts';
import { hashPassword, passwordProblem, verifyNothing, verifyPassword } from './passwords.ts';
import { Throttle } from './throttle.ts';
import { createToken, hashToken, looksLikeToken } from './tokens.ts';

export type AccountError =
  | { readonly kind: 'invalid-input'; readonly field: string; readonly message: string }
  | { readonly kind: 'invalid-credentials' }
  | { readonly kind: 'throttled'; readonly retryAfterMs: number }
  | { readonly kind: 'name-taken' }
  | { readonly kind: 'registration-closed' }
  | { readonly kind: 'no-such-user'; readonly name: string };

export interface SignIn {
  readonly user: { readonly id: number; readonly name: string };
  readonly device: Device;
  /** Returned once; only its hash is stored. */
  readonly token: string;
}

export interface AccountHooks {
  /** A device was revoked: close its connections. */
  onDeviceRevoked?(deviceId: number): void;
  /** The user is about to be erased: close connections and forget documents. */
  beforeUserErased?(userId: number): Promise<void>;
}

export interface AccountsOptions {
  readonly store: AccountStore;
  readonly openRegistration?: boolean;
  readonly failuresPerAccount?: number;
  readonly failuresPerAddress?: number;
  readonly windowMs?: number;
  readonly hooks?: AccountHooks;
  readonly now?: () => number;
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_DEVICE_NAME = 100;
// Writing last_used_at on every connection would turn reconnect storms into write storms.
const TOUCH_EVERY_MS = 60_000;

export function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

export function nameProblem(name: string): string | undefined {
  return NAME_RE.test(name)
    ? undefined
    : 'a user name is 1–64 characters: letters a–z, digits, and . _ - (not first)';
}

export class Accounts {
  private readonly store: AccountStore;
  private readonly openRegistration: boolean;
  private readonly perAccount: Throttle;
  private readonly perAddress: Throttle;
  private readonly hooks: AccountHooks;
  private readonly now: () => number;
  private readonly touched = new Map<number, number>();

  constructor(options: AccountsOptions) {
    this.store = options.store;
    this.openRegistration = options.openRegistration ?? false;
    this.now = options.now ?? Date.now;
    const windowMs = options.windowMs ?? 15 * 60_000;
    this.perAccount = new Throttle(options.failuresPerAccount ?? 5, windowMs, this.now);
    this.perAddress = new Throttle(options.failuresPerAddress ?? 20, windowMs, this.now);
    this.hooks = options.hooks ?? {};
  }

  get registrationOpen(): boolean {
    return this.openRegistration;
  }

  // ---- signing in ----

  async login(input: unknown, address: string): Promise<Result<SignIn, AccountError>> {
    const fields = readFields(input, ['username', 'password', 'deviceName']);
    if (!fields.ok) return fields;
    const { username, password, deviceName } = fields.value;
    const device = deviceNameOf(deviceName);
    if (!device.ok) return device;
    const name = normalizeName(username);
    const throttled = this.throttled(name, address);
    if (throttled) return err(throttled);
    const user = await this.store.findUserByName(name);
    const valid = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyNothing(password);
    if (!user || !valid) {
      this.perAccount.fail(`user:${name}`);
      this.perAddress.fail(`addr:${address}`);
      return err({ kind: 'invalid-credentials' });
    }
    this.perAccount.reset(`user:${name}`);
    return ok(await this.issue(user, device.value));
  }

  async register(input: unknown, address: string): Promise<Result<SignIn, AccountError>> {
    if (!this.openRegistration) return err({ kind: 'registration-closed' });
    const fields = readFields(input, ['username', 'password', 'deviceName']);
    if (!fields.ok) return fields;
    const { username, password, deviceName } = fields.value;
    const device = deviceNameOf(deviceName);
    if (!device.ok) return device;
    // Registration attempts count against the address, like failed logins.
    const limited = this.perAddress.check(`addr:${address}`);
    if (!limited.allowed) return err({ kind: 'throttled', retryAfterMs: limited.retryAfterMs });
    this.perAddress.fail(`addr:${address}`);
    const created = await this.createUser(username, password);
    if (!created.ok) return created;
    return ok(await this.issue(created.value, device.value));
  }

  private throttled(name: string, address: string): AccountError | undefined {
    for (const check of [
      this.perAccount.check(`user:${name}`),
      this.perAddress.check(`addr:${address}`),
    ]) {
      if (!check.allowed) return { kind: 'throttled', retryAfterMs: check.retryAfterMs };
    }
    return undefined;
  }

  private async issue(user: User, deviceName: string): Promise<SignIn> {
    const token = createToken();
    const device = await this.store.createDevice(user.id, deviceName, hashToken(token), this.now());
    return { user: { id: user.id, name: user.name }, device, token };
  }

  /** The device a token belongs to, or undefined; records when it was last used. */
  async authenticate(token: string): Promise<Device | undefined> {
    if (!looksLikeToken(token)) return undefined;
    const device = await this.store.findDeviceByTokenHash(hashToken(token));
    if (device === undefined) return undefined;
    const now = this.now();
    const last = this.touched.get(device.id) ?? device.lastUsedAt;
    if (now - last >= TOUCH_EVERY_MS) {
      this.touched.set(device.id, now);
      await this.store.touchDevice(device.id, now);
      return { ...device, lastUsedAt: now };
    }
    return device;
  }

  userOf(device: Device): Promise<User | undefined> {
    return this.store.findUser(device.userId);
  }

  // ---- devices ----

  async listDevices(userId: number): Promise<Device[]> {
    const devices = await this.store.listDevices(userId);
    return devices.map((d) => ({
      ...d,
      lastUsedAt: Math.max(d.lastUsedAt, this.touched.get(d.id) ?? 0),
    }));
  }

  async revokeDevice(userId: number, deviceId: number): Promise<boolean> {
    const deleted = await this.store.deleteDevice(userId, deviceId);
    if (deleted) {
      this.touched.delete(deviceId);
      this.hooks.onDeviceRevoked?.(deviceId);
    }
    return deleted;
  }

  // ---- the account itself ----

  async deleteAccount(
    userId: number,
    input: unknown,
    address: string,
  ): Promise<Result<void, AccountError>> {
    const fields = readFields(input, ['password']);
    if (!fields.ok) return fields;
    const user = await this.store.findUser(userId);
    if (!user) return err({ kind: 'invalid-credentials' });
    const throttled = this.throttled(user.name, address);
    if (throttled) return err(throttled);
    if (!(await verifyPassword(user.passwordHash, fields.value.password))) {
      this.perAccount.fail(`user:${user.name}`);
      this.perAddress.fail(`addr:${address}`);
      return err({ kind: 'invalid-credentials' });
    }
    await this.erase(user);
    return ok(undefined);
  }

  private async erase(user: User): Promise<void> {
    const devices = await this.store.listDevices(user.id);
    await this.store.deleteDevicesOf(user.id);
    for (const d of devices) {
      this.touched.delete(d.id);
      this.hooks.onDeviceRevoked?.(d.id);
    }
    await this.hooks.beforeUserErased?.(user.id);
    await this.store.deleteUser(user.id);
  }

  // ---- administration (CLI) ----

  async createUser(username: string, password: string): Promise<Result<User, AccountError>> {
    const name = normalizeName(username);
    const badName = nameProblem(name);
    if (badName) return err({ kind: 'invalid-input', field: 'username', message: badName });
    const badPassword = passwordProblem(password);
    if (badPassword) return err({ kind: 'invalid-input', field: 'password', message: badPassword });
    const created = await this.store.createUser(name, await hashPassword(password), this.now());
    return created.ok ? created : err({ kind: 'name-taken' });
  }

  async setPassword(username: string, password: string): Promise<Result<void, AccountError>> {
    const name = normalizeName(username);
    const user = await this.store.findUserByName(name);
    if (!user) return err({ kind: 'no-such-user', name });
    const badPassword = passwordProblem(password);
    if (badPassword) return err({ kind: 'invalid-input', field: 'password', message: badPassword });
    await this.store.setPasswordHash(user.id, await hashPassword(password));
    return ok(undefined);
  }

  async deleteUser(username: string): Promise<Result<void, AccountError>> {
    const name = normalizeName(username);
    const user = await this.store.findUserByName(name);
    if (!user) return err({ kind: 'no-such-user', name });
    await this.erase(user);
    return ok(undefined);
  }

  listUsers(): Promise<UserSummary[]> {
    return this.store.listUsers();
  }
}

function readFields<K extends string>(
  input: unknown,
  keys: readonly K[],
): Result<Record<K, string>, AccountError> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err({ kind: 'invalid-input', field: '', message: 'expected a JSON object' });
  }
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value !== 'string' || value === '') {
      return err({
        kind: 'invalid-input',
        field: key,
        message: `"${key}" must be a non-empty string`,
      });
    }
    out[key] = value;
  }
  return ok(out as Record<K, string>);
}

function deviceNameOf(raw: string): Result<string, AccountError> {
  // eslint-disable-next-line no-control-regex
  const name = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (name === '' || name.length > MAX_DEVICE_NAME) {
    return err({
      kind: 'invalid-input',
      field: 'deviceName',
      message: `a device name is 1–${MAX_DEVICE_NAME} characters`,
    });
  }
  return ok(name);
}
