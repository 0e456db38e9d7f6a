import { describe, expect, test } from 'vitest';
import { forkPoints, landedSince, landings, type CommitLink } from '../../actions/src/core/landing.js';

const landingDates = (log: CommitLink[], tip: string) => new Map([...landings(log, tip)].map(([k, v]) => [k, v.date]));

const c = (commit: string, date: string, ...parents: string[]): CommitLink => ({ commit, date, parents });

describe('forkPoints: the commits a merged branch forked from (every merge base of its merge is one)', () => {
  const T = '2026-11-24T10:00:00Z';
  test.each([
    ['a branch of one commit, main moved on: the commit it forked from', [c('M', T, 'm2', 'b1'), c('m2', T, 'm1'), c('b1', T, 'm1'), c('m1', T)], 'M', { M: ['m1'] }],
    ['a branch brought up to date with main (a merge on it): both places it took main from', [
      c('M', T, 'm3', 'b2'), c('m3', T, 'm2'), c('b2', T, 'b1', 'm2'), c('b1', T, 'm1'), c('m2', T, 'm1'), c('m1', T),
    ], 'M', { M: ['m2', 'm1'] }],
    ['a merge of a commit main has already (--no-ff of an old commit): that commit', [c('M', T, 'm2', 'm1'), c('m2', T, 'm1'), c('m1', T)], 'M', { M: ['m1'] }],
    ['a parent beyond the log (a shallow edge): none', [c('M', T, 'm2', 'b1'), c('m2', T), c('b1', T, 'gone')], 'M', {}],
  ])('%s', (_name, log, tip, expected) => {
    const found = forkPoints(log, landings(log, tip), new Set(Object.keys(expected).length ? Object.keys(expected) : [tip]));
    expect(Object.fromEntries([...found].map(([m, bases]) => [m, bases.sort().reverse()]))).toEqual(Object.fromEntries(Object.entries(expected).map(([m, b]) => [m, [...b].sort().reverse()])));
  });
});

describe('landingDates: when each commit reached the branch', () => {
  test('a straight history: each commit lands at its own date', () => {
    const log = [c('c3', '2026-11-24T10:00:00Z', 'c2'), c('c2', '2026-11-23T10:00:00Z', 'c1'), c('c1', '2026-11-22T10:00:00Z')];
    expect(Object.fromEntries(landingDates(log, 'c3'))).toEqual({ c1: '2026-11-22T10:00:00Z', c2: '2026-11-23T10:00:00Z', c3: '2026-11-24T10:00:00Z' });
  });

  test('a commit on the first-parent line lands at its own date, even one dated before its parent (GIT_COMMITTER_DATE is honoured)', () => {
    const log = [c('c3', '2026-11-24T10:00:00Z', 'c2'), c('c2', '2026-11-01T10:00:00Z', 'c1'), c('c1', '2026-11-22T10:00:00Z')];
    expect(landingDates(log, 'c3').get('c2')).toBe('2026-11-01T10:00:00Z');
  });

  test('the rank orders landings as history does, whatever the dates say', () => {
    const log = [c('M', '2026-11-20T12:00:00Z', 'm2', 'b1'), c('b1', '2026-11-24T09:00:00Z', 'm1'), c('m2', '2026-11-24T10:00:00Z', 'm1'), c('m1', '2026-11-18T09:00:00Z')];
    const l = landings(log, 'M');
    expect([l.get('m1')!.rank, l.get('m2')!.rank, l.get('M')!.rank, l.get('b1')!.rank]).toEqual([0, 1, 2, 2]);
    // ... and names the first-parent commit each came with: a merged branch's commits, the merge.
    expect([l.get('m1')!.commit, l.get('m2')!.commit, l.get('M')!.commit, l.get('b1')!.commit]).toEqual(['m1', 'm2', 'M', 'M']);
  });

  test('commits of a merged branch land with the merge, however old they are', () => {
    // main: m1 -- m2 -- M (merge of b2); branch from m1: b1 -- b2, made days before the merge
    const log = [
      c('M', '2026-11-24T12:00:00Z', 'm2', 'b2'),
      c('m2', '2026-11-21T09:00:00Z', 'm1'),
      c('b2', '2026-11-20T09:00:00Z', 'b1'),
      c('b1', '2026-11-19T09:00:00Z', 'm1'),
      c('m1', '2026-11-18T09:00:00Z'),
    ];
    const landed = landingDates(log, 'M');
    expect(landed.get('b1')).toBe('2026-11-24T12:00:00Z');
    expect(landed.get('b2')).toBe('2026-11-24T12:00:00Z');
    expect(landed.get('m2')).toBe('2026-11-21T09:00:00Z');
    expect(landed.get('m1')).toBe('2026-11-18T09:00:00Z');
  });

  test('a branch merged twice (brought up to date between): each commit lands with the first merge that brought it', () => {
    const log = [
      c('M2', '2026-11-24T12:00:00Z', 'M1', 'b2'),
      c('b2', '2026-11-23T09:00:00Z', 'b1'),
      c('M1', '2026-11-22T12:00:00Z', 'm1', 'b1'),
      c('b1', '2026-11-20T09:00:00Z', 'm1'),
      c('m1', '2026-11-18T09:00:00Z'),
    ];
    const landed = landingDates(log, 'M2');
    expect(landed.get('b1')).toBe('2026-11-22T12:00:00Z');
    expect(landed.get('b2')).toBe('2026-11-24T12:00:00Z');
  });

  test('commits not reachable from the tip, and parents beyond a shallow edge, are left out', () => {
    const log = [c('c2', '2026-11-24T10:00:00Z', 'c1'), c('x', '2026-11-24T11:00:00Z', 'c2')];
    expect([...landingDates(log, 'c2').keys()]).toEqual(['c2']);
  });
});

describe('landedSince: since when soak counts a pin, never before the pin was made', () => {
  test.each([
    ['a merge dated after the pin: the merge', '2026-11-24T09:00:00Z', '2026-11-24T12:00:00Z', '2026-11-24T12:00:00Z'],
    ['a merge dated before the pin it brings in (a date set by hand): the pin\'s own date', '2026-11-24T13:00:00Z', '2026-11-24T12:00:00Z', '2026-11-24T13:00:00Z'],
    ['compared as instants, whatever the zones', '2026-11-24T13:00:00+02:00', '2026-11-24T12:00:00Z', '2026-11-24T12:00:00Z'],
    ['a pin\'s date that cannot be read is kept (soak then fails closed)', '@9999999999999', '2026-11-24T12:00:00Z', '@9999999999999'],
    ['a landing date that cannot be read is kept', '2026-11-24T12:00:00Z', '', ''],
  ])('%s', (_name, own, landed, expected) => {
    expect(landedSince({ date: own }, { date: landed })).toBe(expected);
  });

  test('a commit of the first-parent line: its own date; one not landed: its own date', () => {
    const log = [c('M', '2026-11-24T12:00:00Z', 'm1', 'b1'), c('b1', '2026-11-24T15:00:00Z', 'm1'), c('m1', '2026-11-18T09:00:00Z')];
    const landed = landings(log, 'M');
    expect(landedSince(log[2]!, landed.get('m1'))).toBe('2026-11-18T09:00:00Z');
    expect(landedSince(log[1]!, landed.get('b1'))).toBe('2026-11-24T15:00:00Z');
    expect(landedSince({ date: '2026-11-20T00:00:00Z' }, undefined)).toBe('2026-11-20T00:00:00Z');
  });
});
