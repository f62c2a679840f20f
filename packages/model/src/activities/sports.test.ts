import { describe, expect, it } from 'vitest';
import * as ids from '../ids.ts';
import * as hash from './hash.ts';
import * as sports from './sports.ts';
import * as times from './times.ts';

describe('sports', () => {
  it.each([
    ['running', 'generic', { sport: 'running' }],
    ['running', 'trail', { sport: 'running', subSport: 'trail' }],
    ['cycling', 'commuting', { sport: 'cycling', subSport: 'commuting' }],
    ['fitness_equipment', 'indoor_rowing', { sport: 'rowing', subSport: 'indoor_rowing' }],
    ['fitness_equipment', 'treadmill', { sport: 'running', subSport: 'treadmill' }],
    ['fitness_equipment', 'elliptical', { sport: 'training', subSport: 'elliptical' }],
    ['fitness_equipment', undefined, { sport: 'training' }],
    ['swimming', 'open_water', { sport: 'swimming', subSport: 'open_water' }],
    ['generic', undefined, { sport: 'other' }],
    [42, 7, { sport: 'other' }],
    [undefined, undefined, { sport: 'other' }],
  ])('fromFit(%s, %s)', (sport, sub, expected) => {
    expect(sports.fromFit(sport, sub)).toEqual(expected);
  });

  it.each([
    ['Run', { sport: 'running' }],
    ['Trail Run', { sport: 'running', subSport: 'trail' }],
    ['Ride', { sport: 'cycling' }],
    ['Virtual Ride', { sport: 'cycling', subSport: 'virtual_activity' }],
    ['E-Bike Ride', { sport: 'e_biking' }],
    ['Biking', { sport: 'cycling' }],
    ['Weight Training', { sport: 'training', subSport: 'strength_training' }],
    ['lap_swimming', { sport: 'swimming', subSport: 'lap_swimming' }],
    ['Nordic Ski', { sport: 'cross_country_skiing' }],
    ['9', { sport: 'running' }],
    ['Underwater Basket Weaving', { sport: 'underwater_basket_weaving' }],
    ['', { sport: 'other' }],
    [undefined, { sport: 'other' }],
  ])('fromName(%j)', (name, expected) => {
    expect(sports.fromName(name)).toEqual(expected);
  });

  it.each([
    ['running', 'running', true],
    ['cycling', 'e_biking', true],
    ['walking', 'hiking', true],
    ['running', 'cycling', false],
    ['swimming', 'other', true],
    ['training', 'rowing', false],
  ])('compatible(%s, %s) is %s', (a, b, expected) => {
    expect(sports.compatible(a, b)).toBe(expected);
  });

  it('labels sports for people', () => {
    expect(sports.label('cross_country_skiing')).toBe('Cross country skiing');
    expect(sports.label('')).toBe('Other');
  });
});

describe('times', () => {
  it.each([
    ['2015-01-19T21:24:20Z', Date.UTC(2015, 0, 19, 21, 24, 20), undefined],
    ['2012-10-24T23:29:40.000Z', Date.UTC(2012, 9, 24, 23, 29, 40), undefined],
    ['2020-12-27T15:43:49.000+01:00', Date.UTC(2020, 11, 27, 14, 43, 49), 60],
    ['2021-08-02T18:28:31+00:00', Date.UTC(2021, 7, 2, 18, 28, 31), undefined],
    ['2024-03-01T10:00:00-0530', Date.UTC(2024, 2, 1, 15, 30), -330],
    // No zone: UTC, as GPX and TCX say — never the device's local time.
    ['2024-03-01T10:00:00', Date.UTC(2024, 2, 1, 10), undefined],
    ['2024-03-01T10:00:00.5Z', Date.UTC(2024, 2, 1, 10, 0, 0, 500), undefined],
  ])('parseIso(%s)', (text, instant, offset) => {
    const parsed = times.parseIso(text);
    expect(parsed?.instant).toBe(instant);
    expect(parsed?.offsetMinutes).toBe(offset);
  });

  it.each(['', 'yesterday', '2024-13-01T00:00:00Z', '2024-01-01', undefined])(
    'parseIso(%j) is undefined',
    (text) => {
      expect(times.parseIso(text)).toBeUndefined();
    },
  );

  it.each([
    [120, 'Etc/GMT-2'],
    [-300, 'Etc/GMT+5'],
    [0, undefined],
    [330, undefined],
    [undefined, undefined],
    [15 * 60, undefined],
  ])('zoneForOffset(%s) is %s', (offset, zone) => {
    expect(times.zoneForOffset(offset)).toBe(zone);
  });
});

describe('hash', () => {
  it('is SHA-256 in lower-case hex', async () => {
    expect(await hash.sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await hash.sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(
      await hash.sha256Hex('abc'),
    );
  });

  it('derives a valid ULID from the start and the content', async () => {
    const start = Date.UTC(2019, 4, 1, 6);
    const key = await hash.sha256Hex('some file');
    const id = hash.contentId(start, key);
    expect(ids.isId(id)).toBe(true);
    expect(ids.timeOf(id)).toBe(start);
    expect(hash.contentId(start, key)).toBe(id);
    expect(hash.contentId(start, await hash.sha256Hex('another file'))).not.toBe(id);
  });

  it('refuses a key that is not a digest', () => {
    expect(() => hash.contentId(0, 'not hex')).toThrow(RangeError);
  });
});
