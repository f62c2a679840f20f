import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULTS, envName, loadConfig } from './config.ts';

function configFile(contents: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-config-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'tally.json');
  writeFileSync(file, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return file;
}

describe('loadConfig', () => {
  it('has working defaults', () => {
    const result = loadConfig({ cwd: '/srv/tally' });
    expect(result.ok && result.value).toMatchObject({
      ...DEFAULTS,
      database: '/srv/tally/data/tally.sqlite',
    });
  });

  it('names environment variables after the settings', () => {
    expect(envName('maxDocBytes')).toBe('TALLY_MAX_DOC_BYTES');
    expect(envName('port')).toBe('TALLY_PORT');
  });

  it('reads a file, then the environment, then overrides, resolving paths where they were written', () => {
    const file = configFile({
      port: 9000,
      database: 'db/t.sqlite',
      openRegistration: true,
      trustProxy: ['10.0.0.1'],
    });
    const result = loadConfig({
      file,
      cwd: '/work',
      env: {
        TALLY_PORT: '9100',
        TALLY_MAX_DOC_BYTES: '32MiB',
        TALLY_LOG_CLIENT_ADDRESSES: 'yes',
        TALLY_STATIC_DIR: 'off',
      },
      overrides: { host: '0.0.0.0' },
    });
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value).toMatchObject({
      port: 9100,
      host: '0.0.0.0',
      database: join(file, '..', 'db/t.sqlite'),
      openRegistration: true,
      trustProxy: ['10.0.0.1'],
      maxDocBytes: 32 * 1024 * 1024,
      logClientAddresses: true,
      staticDir: null,
    });
  });

  it('reports every problem at once, naming where each value came from', () => {
    const file = configFile({ prot: 80, maxDocBytes: -1, logLevel: 'loud' });
    const result = loadConfig({
      file,
      env: {
        TALLY_PORT: 'eighty',
        TALLY_OPEN_REGISTRATION: 'maybe',
        TALLY_TLS_CERT: '/etc/cert.pem',
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual([
      `${file}: unknown setting "prot"`,
      `${file}: "maxDocBytes": expected a whole number from 1024 to 1099511627776`,
      `${file}: "logLevel": expected one of fatal, error, warn, info, debug, trace, silent`,
      'TALLY_PORT="eighty": expected a whole number',
      'TALLY_OPEN_REGISTRATION="maybe": expected true or false',
      'tlsCert and tlsKey go together: set both (for HTTPS) or neither',
    ]);
  });

  it.each([
    ['not JSON', '{port:'],
    ['an array', '[1]'],
  ])('refuses a config file that is %s', (_what, text) => {
    const file = configFile(text);
    const result = loadConfig({ file });
    expect(!result.ok && result.error[0]).toContain(file);
  });

  it('says so when the config file is missing', () => {
    const result = loadConfig({ file: '/nonexistent/tally.json' });
    expect(!result.ok && result.error).toEqual([
      '/nonexistent/tally.json: cannot read the config file: no such file',
    ]);
  });

  it('reads the kept-file size limit: 32 MiB by default, bounded both ways', () => {
    const MiB = 1024 * 1024;
    const read = (raw?: string): ReturnType<typeof loadConfig> =>
      loadConfig({ env: raw === undefined ? {} : { TALLY_MAX_FILE_BYTES: raw } });
    expect(read()).toMatchObject({ ok: true, value: { maxFileBytes: 32 * MiB } });
    expect(read('4MiB')).toMatchObject({ ok: true, value: { maxFileBytes: 4 * MiB } });
    expect(read('1023')).toEqual({
      ok: false,
      error: [`TALLY_MAX_FILE_BYTES="1023": expected a whole number from 1024 to ${512 * MiB}`],
    });
    expect(read('1GiB').ok).toBe(false);
    expect(read('lots').ok).toBe(false);
  });

  it('suggests the right spelling of a setting', () => {
    const result = loadConfig({ overrides: { MaxDocBytes: 5 } });
    expect(!result.ok && result.error[0]).toBe(
      'option "MaxDocBytes": unknown setting (did you mean "maxDocBytes"?)',
    );
  });
});
