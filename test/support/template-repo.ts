/** Env repos made by `ferry init` (the template: dev -> stage -> prod, with gates), and their images. */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { ferry } from './ferry-cli.js';

/** environments/ferry.yaml's registry. */
export const TEMPLATE_REGISTRY = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';

/** An image of a template app: registry/app:tag@sha256 of "app tag". */
export function templateImage(app: string, tag: string): string {
  return `${TEMPLATE_REGISTRY}/${app}:${tag}@sha256:${createHash('sha256').update(`${app} ${tag}`).digest('hex')}`;
}

/** A moment `h` hours ago, for GIT_COMMITTER_DATE. */
export function hoursAgo(h: number): string {
  return new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A ferry command that must succeed; `at` backdates the commit it makes (GIT_COMMITTER_DATE). */
export async function ferryOk(args: string[], at?: string): Promise<string> {
  const r = await ferry(args, at ? { env: { GIT_COMMITTER_DATE: at } } : {});
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** `ferry init --bare dir`. */
export async function initTemplateRepo(dir: string): Promise<string> {
  await ferryOk(['init', '--bare', dir]);
  return dir;
}
