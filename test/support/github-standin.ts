/**
 * A stand-in for api.github.com on 127.0.0.1, for tests: no real GitHub is reachable here.
 *
 * Its traffic is checked against GitHub's published descriptions, so that a call GitHub would
 * not accept fails the test (`violations`; assert it is empty after each test):
 *  - REST: every request's method and path must be an operation of the OpenAPI description in
 *    `@octokit/openapi` (api.github.com.json); its path and query parameters and its JSON body
 *    are validated against that operation's schemas with ajv, and so is every response body the
 *    stand-in sends, for the status it sends (which must be one the operation documents).
 *    OpenAPI 3.0's schema dialect is turned into JSON Schema first: `nullable: true` becomes a
 *    `null` type (or an `anyOf` with `null`), the annotations JSON Schema does not know
 *    (`example`, `externalDocs`, `x-…`) are dropped, and the formats GitHub uses are implemented;
 *    ajv then runs in strict mode, so a keyword left unconverted would be an error, not ignored.
 *  - GraphQL: each document is parsed and validated with graphql-js against GitHub's schema
 *    (`@octokit/graphql-schema`, the introspection result), and executed against that schema
 *    with the stand-in's resolvers: responses conform by construction, and variables are coerced
 *    as GitHub coerces them (GitObjectID, Base64String, URI and DateTime are checked, not passed
 *    through). Errors GitHub itself would answer (STALE_DATA, NOT_FOUND, …) come back as GitHub
 *    sends them, with a `type`; any other execution error (a bad variable, a field the stand-in
 *    does not resolve) is a violation.
 *
 * With `gitRepoPath`, a real bare repository backs the branches: createCommitOnBranch applies its
 * file changes with git plumbing and moves the branch only if it is still at expectedHeadOid (so a
 * git fetch sees the commit), `POST /git/refs` creates branches there, `PATCH` moves them (a pull
 * request whose branch is moved onto a commit of its base is marked merged, as GitHub does) and
 * `DELETE` deletes them. Comments on pull requests are kept (`state.comments`).
 *
 * Faults (`state.faults`) make it answer a rate limit (403 with x-ratelimit-remaining: 0, or a
 * secondary rate limit with retry-after), a GraphQL RATE_LIMITED error, or a 502, a number of
 * times, to test retries. Those answers are the infrastructure's, not an operation's: they are
 * not checked against the operation's documented responses (the request still is).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import {
  GraphQLError,
  Kind,
  buildClientSchema,
  execute,
  parse,
  validate,
  type DocumentNode,
  type GraphQLScalarType,
  type GraphQLSchema,
  type IntrospectionQuery,
  type ValueNode,
} from 'graphql';

// ---------------------------------------------------------------------------------------------
// GitHub's OpenAPI description, as JSON Schema for ajv

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_FILE = new URL('../../node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url);
const GRAPHQL_SCHEMA_FILE = new URL('../../node_modules/@octokit/graphql-schema/schema.json', import.meta.url);

/** Keywords whose value is a map of schemas, a schema, or a list of schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains', 'propertyNames']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
/** OpenAPI 3.0 annotations that JSON Schema does not have (`nullable` is converted, not dropped). */
const OPENAPI_ONLY = new Set(['example', 'externalDocs', 'xml', 'discriminator', 'nullable']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rewriteRef(ref: string): string {
  if (!ref.startsWith('#/components/schemas/')) throw new Error(`stand-in: unexpected $ref ${ref} in a schema`);
  return `openapi#/definitions/${ref.slice('#/components/schemas/'.length)}`;
}

/** An OpenAPI 3.0 Schema Object as a JSON Schema (draft-07) that ajv reads in strict mode. */
export function toJsonSchema(schema: Json): Json {
  if (!isObject(schema)) return schema; // `additionalProperties: true`
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') out.$ref = rewriteRef(value as string);
    else if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    else if (SCHEMA_VALUES.has(key)) out[key] = toJsonSchema(value);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(toJsonSchema);
    else if (key.startsWith('x-') || OPENAPI_ONLY.has(key)) continue;
    else out[key] = value;
  }
  if (schema.nullable !== true) return out;
  // nullable: null is one more allowed value, whatever the schema says otherwise.
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

function isAbsoluteUrl(text: string): boolean {
  try {
    return new URL(text).protocol.length > 1;
  } catch {
    return false;
  }
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true, allErrors: true });
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('uri', { type: 'string', validate: isAbsoluteUrl });
  // A URI template (RFC 6570): a URI once its {expressions} are taken out.
  ajv.addFormat('uri-template', { type: 'string', validate: (s) => isAbsoluteUrl(s.replace(/\{[^{}]*\}/g, '')) });
  ajv.addFormat('repo.nwo', /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/);
  ajv.addFormat('binary', { type: 'string', validate: () => true });
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: (n) => Number.isFinite(n) });
  ajv.addFormat('timestamp', { type: 'number', validate: (n) => Number.isInteger(n) });
  return ajv;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Json;
}

interface Operation {
  method: string;
  template: string;
  segments: string[];
  literals: number;
  operationId: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; schema: Json | undefined };
  responses: Record<string, { schema: Json | undefined }>;
}

interface OpenApi {
  ajv: Ajv;
  operations: Operation[];
  validators: Map<string, ValidateFunction>;
}

let openApi: OpenApi | undefined;

/** The description, loaded once per test process. */
function loadOpenApi(): OpenApi {
  if (openApi) return openApi;
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as JsonObject;
  const components = spec.components as JsonObject;
  const ajv = newAjv();
  const schemas = components.schemas as JsonObject;
  ajv.addSchema({ $id: 'openapi', definitions: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, toJsonSchema(v)])) });
  const deref = (node: Json, kind: string): JsonObject => {
    let current = node;
    while (isObject(current) && typeof current.$ref === 'string') {
      const prefix = `#/components/${kind}/`;
      if (!current.$ref.startsWith(prefix)) throw new Error(`stand-in: unexpected $ref ${current.$ref}`);
      current = (components[kind] as JsonObject)[current.$ref.slice(prefix.length)]!;
    }
    return current as JsonObject;
  };
  const jsonSchemaOf = (content: Json | undefined): Json | undefined => {
    if (!isObject(content)) return undefined;
    const media = (content['application/json'] ?? Object.entries(content).find(([type]) => type.endsWith('+json'))?.[1]) as JsonObject | undefined;
    return media?.schema;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as JsonObject)) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head']) {
      const op = item[method];
      if (!isObject(op)) continue;
      const parameters = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => {
        const d = deref(p, 'parameters');
        return { name: d.name as string, in: d.in as Parameter['in'], required: d.required === true, schema: d.schema ?? {} };
      });
      const body = op.requestBody === undefined ? undefined : deref(op.requestBody, 'requestBodies');
      const responses: Operation['responses'] = {};
      for (const [status, response] of Object.entries((op.responses ?? {}) as JsonObject)) responses[status] = { schema: jsonSchemaOf(deref(response, 'responses').content) };
      const segments = template.split('/').slice(1);
      operations.push({
        method: method.toUpperCase(),
        template,
        segments,
        literals: segments.filter((s) => !s.startsWith('{')).length,
        operationId: op.operationId as string,
        parameters,
        ...(body ? { requestBody: { required: body.required === true, schema: jsonSchemaOf(body.content) } } : {}),
        responses,
      });
    }
  }
  openApi = { ajv, operations, validators: new Map() };
  return openApi;
}

function validator(api: OpenApi, key: string, schema: Json): ValidateFunction {
  let v = api.validators.get(key);
  if (!v) {
    v = api.ajv.compile(toJsonSchema(schema) as object);
    api.validators.set(key, v);
  }
  return v;
}

function ajvErrors(v: ValidateFunction): string {
  return (v.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`).join('; ');
}

/** The operation for a method and path, with its path parameters; the most literal template wins. */
function matchOperation(api: OpenApi, method: string, pathname: string): { op?: Operation; params: Record<string, string>; pathKnown: boolean } {
  const segments = pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
  let best: { op: Operation; params: Record<string, string> } | undefined;
  let pathKnown = false;
  for (const op of api.operations) {
    if (op.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = op.segments.every((s, i) => {
      if (s.startsWith('{') && s.endsWith('}')) {
        params[s.slice(1, -1)] = segments[i]!;
        return segments[i] !== '';
      }
      return s === segments[i];
    });
    if (!ok) continue;
    pathKnown = true;
    if (op.method !== method) continue;
    if (!best || op.literals > best.op.literals) best = { op, params };
  }
  return { ...(best ?? {}), params: best?.params ?? {}, pathKnown };
}

/** A parameter's text as the type its schema asks for (query and path values are text). */
function coerce(text: string, schema: Json): Json {
  const type = isObject(schema) ? schema.type : undefined;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (type === 'array') return text.split(',');
  return text;
}

function checkRequest(api: OpenApi, op: Operation, params: Record<string, string>, query: URLSearchParams, rawBody: string): string[] {
  const problems: string[] = [];
  const where = (p: Parameter) => `${p.in} parameter ${p.name}`;
  for (const p of op.parameters.filter((q) => q.in === 'path')) {
    const value = params[p.name];
    if (value === undefined) continue;
    const v = validator(api, `${op.operationId} ${where(p)}`, p.schema);
    if (!v(coerce(value, p.schema))) problems.push(`${where(p)} ${JSON.stringify(value)}: ${ajvErrors(v)}`);
  }
  const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const name of new Set(query.keys())) {
    const p = declared.get(name);
    if (!p) {
      problems.push(`query parameter ${name} is not a parameter of ${op.operationId}`);
      continue;
    }
    const value = query.getAll(name).join(',');
    const v = validator(api, `${op.operationId} ${where(p)}`, p.schema);
    if (!v(coerce(value, p.schema))) problems.push(`${where(p)} ${JSON.stringify(value)}: ${ajvErrors(v)}`);
  }
  for (const p of declared.values()) if (p.required && !query.has(p.name)) problems.push(`required ${where(p)} is missing`);
  if (!op.requestBody) {
    if (rawBody.trim() !== '') problems.push(`${op.operationId} takes no request body, but one was sent`);
    return problems;
  }
  if (rawBody.trim() === '') {
    if (op.requestBody.required) problems.push(`${op.operationId} requires a request body, none was sent`);
    return problems;
  }
  let body: Json;
  try {
    body = JSON.parse(rawBody) as Json;
  } catch {
    problems.push('the request body is not JSON');
    return problems;
  }
  if (op.requestBody.schema !== undefined) {
    const v = validator(api, `${op.operationId} request body`, op.requestBody.schema);
    if (!v(body)) problems.push(`request body: ${ajvErrors(v)}`);
  }
  return problems;
}

function checkResponse(api: OpenApi, op: Operation, status: number, body: unknown): string[] {
  const documented = op.responses[String(status)] ?? op.responses.default;
  if (!documented) return [`the stand-in answered ${status}, which ${op.operationId} does not document (${Object.keys(op.responses).join(', ')})`];
  if (documented.schema === undefined) return body === undefined ? [] : [`${op.operationId} documents no body for ${status}, the stand-in sent one`];
  const v = validator(api, `${op.operationId} response ${status}`, documented.schema);
  return v(body as Json) ? [] : [`response ${status} body: ${ajvErrors(v)}`];
}

// ---------------------------------------------------------------------------------------------
// GitHub's GraphQL schema

let graphQLSchema: GraphQLSchema | undefined;

/** A scalar that checks what it is given, as GitHub does, instead of passing anything through. */
function tighten(schema: GraphQLSchema, name: string, ok: (value: string) => boolean, expected: string): void {
  const scalar = schema.getType(name) as GraphQLScalarType | undefined;
  if (!scalar) throw new Error(`stand-in: GitHub's schema has no scalar ${name}`);
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !ok(value)) throw new TypeError(`${name} must be ${expected}, found ${JSON.stringify(value)}`);
    return value;
  };
  scalar.parseValue = check;
  scalar.serialize = check;
  scalar.parseLiteral = (node: ValueNode) => {
    if (node.kind !== Kind.STRING) throw new TypeError(`${name} must be a string literal`);
    return check(node.value);
  };
}

function loadGraphQLSchema(): GraphQLSchema {
  if (graphQLSchema) return graphQLSchema;
  const json = JSON.parse(readFileSync(GRAPHQL_SCHEMA_FILE, 'utf8')) as { data?: IntrospectionQuery } & IntrospectionQuery;
  const schema = buildClientSchema(json.data ?? json);
  tighten(schema, 'GitObjectID', (s) => /^[0-9a-f]{40}$/.test(s), 'a full commit id (40 hex digits)');
  tighten(schema, 'Base64String', (s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'base64');
  tighten(schema, 'URI', isAbsoluteUrl, 'an absolute URI');
  tighten(schema, 'DateTime', (s) => DATE_TIME.test(s), 'an ISO-8601 date and time');
  graphQLSchema = schema;
  return schema;
}

/** An error GitHub itself answers (not a violation): sent with its `type`, as GitHub does. */
class GitHubGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// State

export interface StandInPullRequest {
  number: number;
  nodeId: string;
  title: string;
  body: string | null;
  head: string;
  headSha: string;
  base: string;
  state: 'open' | 'closed';
  draft: boolean;
  labels: string[];
  autoMerge?: { method: 'MERGE' | 'SQUASH' | 'REBASE'; enabledBy: string; commitHeadline?: string; commitBody?: string };
  author: string;
  createdAt: string;
  updatedAt: string;
  /** When it was closed (set by an update to `closed`; cleared when reopened). */
  closedAt?: string;
  /** When it was merged: a test sets it, with `state: 'closed'` (the stand-in merges nothing itself). */
  mergedAt?: string;
}

export interface StandInDeploymentStatus {
  id: number;
  state: string;
  description: string;
  environmentUrl?: string;
  logUrl?: string;
  createdAt: string;
}

export interface StandInDeployment {
  id: number;
  ref: string;
  sha: string;
  environment: string;
  description: string | null;
  payload: Json;
  task: string;
  requiredContexts?: string[];
  autoMerge?: boolean;
  creator: string;
  createdAt: string;
  statuses: StandInDeploymentStatus[];
}

export interface SeededRunApproval {
  login: string;
  state: 'approved' | 'rejected' | 'pending';
  environments: string[];
  comment?: string;
}

export interface SeededReview {
  login: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  submittedAt?: string;
  body?: string;
  /** The commit the review was given on (`commit_id`). Default: the pull request's head when listed. */
  commitId?: string | null;
}

export interface Fault {
  kind: 'rate-limit' | 'secondary-rate-limit' | 'server-error';
  /** How many requests get it. */
  times: number;
  /** Which requests: tested against `METHOD /path` (GraphQL: `POST /graphql`). Default: any. */
  match?: RegExp;
  /** For secondary-rate-limit: 403 (default) or 429. */
  status?: 403 | 429;
}

export interface StandInState {
  readonly owner: string;
  readonly repo: string;
  /** The token's user: author of what the API makes. */
  readonly viewer: string;
  pullRequests: StandInPullRequest[];
  deployments: StandInDeployment[];
  /** Seeded approvals, by run id. */
  runApprovals: Map<number, SeededRunApproval[]>;
  /** Seeded reviews, by pull request number, in chronological order. */
  reviews: Map<number, SeededReview[]>;
  /** Commits made by createCommitOnBranch. */
  commits: { oid: string; branch: string; parent: string; message: string }[];
  /** Comments added to pull requests and issues (POST /repos/{owner}/{repo}/issues/{issue_number}/comments), by number. */
  comments: { id: number; issueNumber: number; body: string; author: string; createdAt: string }[];
  faults: Fault[];
  /** Whether the repository allows auto-merge (GitHub refuses enablePullRequestAutoMerge otherwise). */
  autoMergeAllowed: boolean;
  /**
   * Whether GitHub sees the pull requests as mergeable at once (no required check or review to wait
   * for): it then refuses enablePullRequestAutoMerge ("Pull request is in clean status").
   */
  pullRequestsClean: boolean;
  /** How long createCommitOnBranch takes before it answers (a slow API, for a write interrupted under way). */
  commitDelayMs: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The GraphQL operation's name, for GraphQL requests. */
  operationName?: string;
  operationId?: string;
  status: number;
  /** A fault answered it. */
  fault?: Fault['kind'];
}

export interface GitHubStandIn {
  /** REST root (Octokit's baseUrl). */
  url: string;
  graphqlUrl: string;
  state: StandInState;
  requests: RecordedRequest[];
  violations: string[];
  stop(): Promise<void>;
}

export interface GitHubStandInOptions {
  /** A bare repository backing branches, createCommitOnBranch and git refs. */
  gitRepoPath?: string;
  owner?: string;
  repo?: string;
  /** The token requests must carry. Default: accept any. */
  token?: string;
  viewer?: string;
}

// ---------------------------------------------------------------------------------------------
// git plumbing on the backing repository

function git(dir: string, args: string[], options: { input?: Buffer | string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', dir, ...args], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

async function gitOk(dir: string, args: string[], options: { input?: Buffer | string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const r = await git(dir, args, options);
  if (r.code !== 0) throw new Error(`stand-in: git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

async function branchOid(dir: string, branch: string): Promise<string | undefined> {
  const r = await git(dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** A path GitHub accepts in a commit: relative, no empty, `.`, `..` or `.git` segments. */
function validPath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && s.toLowerCase() !== '.git');
}

// ---------------------------------------------------------------------------------------------
// The server

const DOCS = 'https://docs.github.com/rest';
const HTML = 'https://github.com';

function stableId(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) % 2_000_000_000 + 1;
}

function nodeId(prefix: string, text: string): string {
  return `${prefix}_${createHash('sha256').update(text).digest('base64url').slice(0, 16)}`;
}

export async function startGitHubStandIn(options: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  const api = loadOpenApi();
  const schema = loadGraphQLSchema();
  const owner = options.owner ?? 'acme';
  const repoName = options.repo ?? 'env';
  const gitDir = options.gitRepoPath;
  const state: StandInState = {
    owner,
    repo: repoName,
    viewer: options.viewer ?? 'ferry-bot',
    pullRequests: [],
    deployments: [],
    runApprovals: new Map(),
    reviews: new Map(),
    commits: [],
    comments: [],
    faults: [],
    autoMergeAllowed: true,
    pullRequestsClean: false,
    commitDelayMs: 0,
  };
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let base = '';
  let nextId = 1000;
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  /** GitHub moves one ref at a time: the stand-in's own writes to the repository take turns. */
  let gitTurn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(f: () => Promise<T>): Promise<T> => {
    const run = gitTurn.then(f, f);
    gitTurn = run.catch(() => undefined);
    return run;
  };

  // --- JSON as GitHub shapes it ---------------------------------------------------------------
  const apiRepo = () => `${base}/repos/${owner}/${repoName}`;
  const user = (login: string, type: 'User' | 'Bot' = 'User') => ({
    login,
    id: stableId(`user ${login}`),
    node_id: nodeId('U', login),
    avatar_url: `https://avatars.githubusercontent.com/u/${stableId(`user ${login}`)}?v=4`,
    gravatar_id: '',
    url: `${base}/users/${login}`,
    html_url: `${HTML}/${login}`,
    followers_url: `${base}/users/${login}/followers`,
    following_url: `${base}/users/${login}/following{/other_user}`,
    gists_url: `${base}/users/${login}/gists{/gist_id}`,
    starred_url: `${base}/users/${login}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/users/${login}/subscriptions`,
    organizations_url: `${base}/users/${login}/orgs`,
    repos_url: `${base}/users/${login}/repos`,
    events_url: `${base}/users/${login}/events{/privacy}`,
    received_events_url: `${base}/users/${login}/received_events`,
    type,
    site_admin: false,
  });
  const repository = () => {
    const r = apiRepo();
    const created = '2024-01-01T00:00:00Z';
    return {
      id: stableId(`repo ${owner}/${repoName}`),
      node_id: nodeId('R', `${owner}/${repoName}`),
      name: repoName,
      full_name: `${owner}/${repoName}`,
      owner: user(owner),
      private: true,
      html_url: `${HTML}/${owner}/${repoName}`,
      description: 'GitOps environment repository',
      fork: false,
      url: r,
      archive_url: `${r}/{archive_format}{/ref}`,
      assignees_url: `${r}/assignees{/user}`,
      blobs_url: `${r}/git/blobs{/sha}`,
      branches_url: `${r}/branches{/branch}`,
      collaborators_url: `${r}/collaborators{/collaborator}`,
      comments_url: `${r}/comments{/number}`,
      commits_url: `${r}/commits{/sha}`,
      compare_url: `${r}/compare/{base}...{head}`,
      contents_url: `${r}/contents/{+path}`,
      contributors_url: `${r}/contributors`,
      deployments_url: `${r}/deployments`,
      downloads_url: `${r}/downloads`,
      events_url: `${r}/events`,
      forks_url: `${r}/forks`,
      git_commits_url: `${r}/git/commits{/sha}`,
      git_refs_url: `${r}/git/refs{/sha}`,
      git_tags_url: `${r}/git/tags{/sha}`,
      git_url: `git://github.com/${owner}/${repoName}.git`,
      issue_comment_url: `${r}/issues/comments{/number}`,
      issue_events_url: `${r}/issues/events{/number}`,
      issues_url: `${r}/issues{/number}`,
      keys_url: `${r}/keys{/key_id}`,
      labels_url: `${r}/labels{/name}`,
      languages_url: `${r}/languages`,
      merges_url: `${r}/merges`,
      milestones_url: `${r}/milestones{/number}`,
      notifications_url: `${r}/notifications{?since,all,participating}`,
      pulls_url: `${r}/pulls{/number}`,
      releases_url: `${r}/releases{/id}`,
      ssh_url: `git@github.com:${owner}/${repoName}.git`,
      stargazers_url: `${r}/stargazers`,
      statuses_url: `${r}/statuses/{sha}`,
      subscribers_url: `${r}/subscribers`,
      subscription_url: `${r}/subscription`,
      tags_url: `${r}/tags`,
      teams_url: `${r}/teams`,
      trees_url: `${r}/git/trees{/sha}`,
      clone_url: `${HTML}/${owner}/${repoName}.git`,
      mirror_url: null,
      hooks_url: `${r}/hooks`,
      svn_url: `${HTML}/${owner}/${repoName}`,
      homepage: null,
      language: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 1,
      default_branch: 'main',
      open_issues: 0,
      open_issues_count: 0,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      archived: false,
      disabled: false,
      visibility: 'private',
      license: null,
      pushed_at: created,
      created_at: created,
      updated_at: created,
      allow_auto_merge: state.autoMergeAllowed,
    };
  };
  const label = (name: string) => ({
    id: stableId(`label ${name}`),
    node_id: nodeId('LA', name),
    url: `${apiRepo()}/labels/${encodeURIComponent(name)}`,
    name,
    description: '',
    color: 'ededed',
    default: false,
  });
  const pullRequestJson = (pr: StandInPullRequest, full: boolean) => {
    const r = apiRepo();
    const self = `${r}/pulls/${pr.number}`;
    const html = `${HTML}/${owner}/${repoName}/pull/${pr.number}`;
    const branchEnd = (ref: string, sha: string) => ({ label: `${owner}:${ref}`, ref, sha, repo: repository(), user: user(owner) });
    const simple = {
      url: self,
      id: stableId(`pr ${pr.number}`),
      node_id: pr.nodeId,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${r}/issues/${pr.number}`,
      commits_url: `${self}/commits`,
      review_comments_url: `${self}/comments`,
      review_comment_url: `${r}/pulls/comments{/number}`,
      comments_url: `${r}/issues/${pr.number}/comments`,
      statuses_url: `${r}/statuses/${pr.headSha}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: user(pr.author),
      body: pr.body,
      labels: pr.labels.map(label),
      milestone: null,
      active_lock_reason: null,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.state === 'closed' ? pr.closedAt ?? pr.updatedAt : null,
      merged_at: pr.mergedAt ?? null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: branchEnd(pr.head, pr.headSha),
      base: branchEnd(pr.base, pr.headSha),
      _links: {
        self: { href: self },
        html: { href: html },
        issue: { href: `${r}/issues/${pr.number}` },
        comments: { href: `${r}/issues/${pr.number}/comments` },
        review_comments: { href: `${self}/comments` },
        review_comment: { href: `${r}/pulls/comments{/number}` },
        commits: { href: `${self}/commits` },
        statuses: { href: `${r}/statuses/${pr.headSha}` },
      },
      author_association: 'MEMBER',
      auto_merge: pr.autoMerge
        // The message it was enabled with (GitHub's default, the title and number, when none was given).
        ? { enabled_by: user(pr.autoMerge.enabledBy), merge_method: pr.autoMerge.method.toLowerCase(), commit_title: pr.autoMerge.commitHeadline ?? `${pr.title} (#${pr.number})`, commit_message: pr.autoMerge.commitBody ?? '' }
        : null,
      draft: pr.draft,
    };
    if (!full) return simple;
    return {
      ...simple,
      merged: pr.mergedAt !== undefined,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 1,
      deletions: 1,
      changed_files: 1,
    };
  };
  const deploymentJson = (d: StandInDeployment) => ({
    url: `${apiRepo()}/deployments/${d.id}`,
    id: d.id,
    node_id: nodeId('DE', String(d.id)),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: user(state.viewer, 'Bot'),
    created_at: d.createdAt,
    updated_at: d.createdAt,
    statuses_url: `${apiRepo()}/deployments/${d.id}/statuses`,
    repository_url: apiRepo(),
    transient_environment: false,
    production_environment: d.environment === 'prod' || d.environment === 'production',
  });
  const deploymentStatusJson = (d: StandInDeployment, s: StandInDeploymentStatus) => ({
    url: `${apiRepo()}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', String(s.id)),
    state: s.state,
    creator: user(state.viewer, 'Bot'),
    description: s.description,
    environment: d.environment,
    // The description requires target_url to be a URI (GitHub itself sends "" when none was given).
    target_url: s.logUrl ?? `${HTML}/${owner}/${repoName}/deployments`,
    ...(s.logUrl !== undefined ? { log_url: s.logUrl } : {}),
    ...(s.environmentUrl !== undefined ? { environment_url: s.environmentUrl } : {}),
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${apiRepo()}/deployments/${d.id}`,
    repository_url: apiRepo(),
  });
  const validationFailed = (resource: string, message: string, field?: string) => ({
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource, code: 'custom', ...(field ? { field } : {}), message }], documentation_url: DOCS },
  });
  // GitHub refuses a pull request description of more than 65,536 characters (the schema says no
  // length; the service does).
  const bodyTooLong = (body: JsonObject) => typeof body.body === 'string' && body.body.length > 65_536
    ? validationFailed('Issue', 'body is too long (maximum is 65536 characters)', 'body') : undefined;

  /** A list, one page of it, with GitHub's Link header when there are more. */
  const page = <T>(items: readonly T[], query: URLSearchParams, path: string): Reply => {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30)));
    const number = Math.max(1, Number(query.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (number < last) {
      const link = (p: number) => {
        const q = new URLSearchParams(query);
        q.set('page', String(p));
        return `<${base}${path}?${q.toString()}>`;
      };
      headers.link = `${link(number + 1)}; rel="next", ${link(last)}; rel="last"`;
    }
    return { status: 200, body: items.slice((number - 1) * perPage, number * perPage), headers };
  };

  interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  }

  // --- REST operations ------------------------------------------------------------------------
  const headSha = async (branch: string): Promise<string | undefined> => (gitDir ? branchOid(gitDir, branch) : createHash('sha1').update(`branch ${branch}`).digest('hex'));

  const handlers: Record<string, (params: Record<string, string>, query: URLSearchParams, body: JsonObject) => Promise<Reply>> = {
    'pulls/list': async (_p, query, _b) => {
      const wanted = query.get('state') ?? 'open';
      const headFilter = query.get('head');
      // GitHub filters by head only in `owner:branch` form (a bare branch name filters nothing).
      const [headOwner, headBranch] = headFilter?.includes(':') ? headFilter.split(/:(.*)/s) : [undefined, undefined];
      const found = state.pullRequests.filter((pr) =>
        (wanted === 'all' || pr.state === wanted)
        && (headBranch === undefined || (headOwner === owner && pr.head === headBranch))
        && (!query.has('base') || pr.base === query.get('base')));
      // GitHub shows the head branch's current commit.
      for (const pr of found) {
        const sha = await headSha(pr.head);
        if (sha) pr.headSha = sha;
      }
      const reply = page(found.map((pr) => pullRequestJson(pr, false)), query, `/repos/${owner}/${repoName}/pulls`);
      return reply;
    },
    'pulls/create': async (_p, _q, body) => {
      const head = String(body.head ?? '');
      const baseRef = String(body.base ?? '');
      if (body.title === undefined) return validationFailed('PullRequest', 'title is missing', 'title');
      const tooLong = bodyTooLong(body);
      if (tooLong) return tooLong;
      const branch = head.includes(':') ? head.split(':')[1]! : head;
      if (state.pullRequests.some((pr) => pr.state === 'open' && pr.head === branch && pr.base === baseRef)) {
        return validationFailed('PullRequest', `A pull request already exists for ${owner}:${branch}.`);
      }
      const sha = await headSha(branch);
      const baseSha = await headSha(baseRef);
      if (!sha) return validationFailed('PullRequest', `head ${branch} does not exist`, 'head');
      if (!baseSha) return validationFailed('PullRequest', `base ${baseRef} does not exist`, 'base');
      if (gitDir && sha === baseSha) return validationFailed('PullRequest', `No commits between ${baseRef} and ${branch}`);
      const number = state.pullRequests.length + 1;
      const at = now();
      const pr: StandInPullRequest = {
        number,
        nodeId: nodeId('PR', `${owner}/${repoName}#${number}`),
        title: String(body.title),
        body: typeof body.body === 'string' ? body.body : null,
        head: branch,
        headSha: sha,
        base: baseRef,
        state: 'open',
        draft: body.draft === true,
        labels: [],
        author: state.viewer,
        createdAt: at,
        updatedAt: at,
      };
      state.pullRequests.push(pr);
      return { status: 201, body: pullRequestJson(pr, true), headers: { location: `${apiRepo()}/pulls/${number}` } };
    },
    'pulls/get': async (params) => {
      const pr = state.pullRequests.find((p) => p.number === Number(params.pull_number));
      if (!pr) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request' } };
      return { status: 200, body: pullRequestJson(pr, true) };
    },
    'pulls/update': async (params, _q, body) => {
      const pr = state.pullRequests.find((p) => p.number === Number(params.pull_number));
      if (!pr) return validationFailed('PullRequest', 'no such pull request');
      const tooLong = bodyTooLong(body);
      if (tooLong) return tooLong;
      if (typeof body.title === 'string') pr.title = body.title;
      if (typeof body.body === 'string') pr.body = body.body;
      pr.updatedAt = now();
      if ((body.state === 'open' || body.state === 'closed') && body.state !== pr.state) {
        pr.state = body.state;
        if (body.state === 'closed') pr.closedAt = pr.updatedAt;
        else delete pr.closedAt;
      }
      const sha = await headSha(pr.head);
      if (sha) pr.headSha = sha;
      return { status: 200, body: pullRequestJson(pr, true) };
    },
    'issues/add-labels': async (params, _q, body) => {
      const pr = state.pullRequests.find((p) => p.number === Number(params.issue_number));
      if (!pr) return validationFailed('Issue', 'no such issue');
      const names = (Array.isArray(body.labels) ? body.labels : []).map((l) => (isObject(l) ? String(l.name) : String(l)));
      for (const name of names) if (!pr.labels.includes(name)) pr.labels.push(name);
      return { status: 200, body: pr.labels.map(label) };
    },
    'issues/create-comment': async (params, _q, body) => {
      const number = Number(params.issue_number);
      // (The stand-in's issues are its pull requests.)
      if (!state.pullRequests.some((p) => p.number === number)) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment' } };
      const tooLong = bodyTooLong(body);
      if (tooLong) return tooLong;
      const comment = { id: nextId++, issueNumber: number, body: String(body.body), author: state.viewer, createdAt: now() };
      state.comments.push(comment);
      const url = `${apiRepo()}/issues/comments/${comment.id}`;
      return {
        status: 201,
        headers: { location: url },
        body: {
          id: comment.id, node_id: nodeId('IC', String(comment.id)), url, body: comment.body,
          html_url: `${HTML}/${owner}/${repoName}/pull/${number}#issuecomment-${comment.id}`, issue_url: `${apiRepo()}/issues/${number}`,
          user: user(state.viewer, 'Bot'), created_at: comment.createdAt, updated_at: comment.createdAt, author_association: 'NONE', performed_via_github_app: null,
        },
      };
    },
    'repos/create-deployment': async (_p, _q, body) => {
      const ref = String(body.ref);
      const sha = gitDir ? (await git(gitDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).stdout.trim() : createHash('sha1').update(ref).digest('hex');
      if (!sha) return validationFailed('Deployment', `No ref found for: ${ref}`, 'ref');
      const deployment: StandInDeployment = {
        id: nextId++,
        ref,
        sha,
        environment: typeof body.environment === 'string' ? body.environment : 'production',
        description: typeof body.description === 'string' ? body.description : null,
        payload: body.payload ?? {},
        task: typeof body.task === 'string' ? body.task : 'deploy',
        ...(Array.isArray(body.required_contexts) ? { requiredContexts: body.required_contexts.map(String) } : {}),
        ...(typeof body.auto_merge === 'boolean' ? { autoMerge: body.auto_merge } : {}),
        creator: state.viewer,
        createdAt: now(),
        statuses: [],
      };
      state.deployments.push(deployment);
      return { status: 201, body: deploymentJson(deployment) };
    },
    'repos/create-deployment-status': async (params, _q, body) => {
      const deployment = state.deployments.find((d) => d.id === Number(params.deployment_id));
      if (!deployment) return validationFailed('DeploymentStatus', 'no such deployment');
      const description = typeof body.description === 'string' ? body.description : '';
      if (description.length > 140) return validationFailed('DeploymentStatus', 'description is too long (maximum is 140 characters)', 'description');
      const status: StandInDeploymentStatus = {
        id: nextId++,
        state: String(body.state),
        description,
        ...(typeof body.environment_url === 'string' ? { environmentUrl: body.environment_url } : {}),
        ...(typeof body.log_url === 'string' ? { logUrl: body.log_url } : {}),
        createdAt: now(),
      };
      deployment.statuses.push(status);
      return { status: 201, body: deploymentStatusJson(deployment, status), headers: { location: `${apiRepo()}/deployments/${deployment.id}/statuses/${status.id}` } };
    },
    'actions/get-reviews-for-run': async (params) => {
      const approvals = state.runApprovals.get(Number(params.run_id)) ?? [];
      return {
        status: 200,
        body: approvals.map((a) => ({
          environments: a.environments.map((name) => ({
            id: stableId(`env ${name}`),
            node_id: nodeId('EN', name),
            name,
            url: `${apiRepo()}/environments/${name}`,
            html_url: `${HTML}/${owner}/${repoName}/deployments/activity_log?environments_filter=${name}`,
            created_at: '2024-01-01T00:00:00Z',
            updated_at: '2024-01-01T00:00:00Z',
          })),
          state: a.state,
          user: user(a.login),
          comment: a.comment ?? '',
        })),
      };
    },
    'pulls/list-reviews': async (params, query) => {
      const number = Number(params.pull_number);
      const pr = state.pullRequests.find((p) => p.number === number);
      const head = pr ? (await headSha(pr.head)) ?? pr.headSha : createHash('sha1').update(`review ${number}`).digest('hex');
      const reviews = (state.reviews.get(number) ?? []).map((r, i) => ({
        id: stableId(`review ${number} ${i}`),
        node_id: nodeId('PRR', `${number} ${i}`),
        user: r.login === null ? null : user(r.login),
        body: r.body ?? '',
        state: r.state,
        html_url: `${HTML}/${owner}/${repoName}/pull/${number}#pullrequestreview-${i + 1}`,
        pull_request_url: `${apiRepo()}/pulls/${number}`,
        _links: { html: { href: `${HTML}/${owner}/${repoName}/pull/${number}#pullrequestreview-${i + 1}` }, pull_request: { href: `${apiRepo()}/pulls/${number}` } },
        ...(r.state === 'PENDING' ? {} : { submitted_at: r.submittedAt ?? new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString().replace(/\.\d{3}Z$/, 'Z') }),
        commit_id: r.commitId === undefined ? head : r.commitId,
        author_association: 'MEMBER',
      }));
      return page(reviews, query, `/repos/${owner}/${repoName}/pulls/${number}/reviews`);
    },
    'repos/compare-commits-with-basehead': async (params, query) => {
      const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits' } };
      const [baseRef, headRef, more] = String(params.basehead).split('...');
      if (!gitDir || !baseRef || !headRef || more !== undefined) return notFound;
      const resolve = async (ref: string) => {
        if (ref.startsWith('-')) return undefined;
        const r = await git(gitDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
        return r.code === 0 ? r.stdout.trim() : undefined;
      };
      const [baseSha, headOid] = [await resolve(baseRef), await resolve(headRef)];
      if (!baseSha || !headOid) return notFound;
      const mergeBase = await gitOk(gitDir, ['merge-base', baseSha, headOid]);
      const ahead = (await gitOk(gitDir, ['rev-list', '--reverse', `${mergeBase}..${headOid}`])).split('\n').filter(Boolean);
      const behind = Number(await gitOk(gitDir, ['rev-list', '--count', `${mergeBase}..${baseSha}`]));
      const statusOf: Record<string, string> = { A: 'added', D: 'removed', M: 'modified', T: 'changed' };
      const names = (await gitOk(gitDir, ['diff', '-z', '--no-renames', '--name-status', mergeBase, headOid])).split('\0').filter(Boolean);
      const numstat = (await gitOk(gitDir, ['diff', '-z', '--no-renames', '--numstat', mergeBase, headOid])).split('\0').filter(Boolean);
      const counts = new Map(numstat.map((line) => {
        const [add, del, path] = line.split('\t');
        return [path!, { additions: Number(add) || 0, deletions: Number(del) || 0 }] as const;
      }));
      const files = [];
      for (let i = 0; i + 1 < names.length; i += 2) {
        const [code, filename] = [names[i]!.slice(0, 1), names[i + 1]!];
        const status = statusOf[code] ?? 'modified';
        const sha = await gitOk(gitDir, ['rev-parse', `${status === 'removed' ? mergeBase : headOid}:${filename}`]);
        const c = counts.get(filename) ?? { additions: 0, deletions: 0 };
        const at = status === 'removed' ? mergeBase : headOid;
        files.push({
          sha, filename, status, ...c, changes: c.additions + c.deletions,
          blob_url: `${HTML}/${owner}/${repoName}/blob/${at}/${filename}`,
          raw_url: `${HTML}/${owner}/${repoName}/raw/${at}/${filename}`,
          contents_url: `${apiRepo()}/contents/${encodeURIComponent(filename)}?ref=${at}`,
        });
      }
      const commitJson = async (sha: string) => {
        const [parents, tree, an, ae, ad, cn, ce, cd, ...message] = (await gitOk(gitDir, ['show', '-s', '--format=%P%x00%T%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B', sha])).split('\0');
        return {
          url: `${apiRepo()}/commits/${sha}`, sha, node_id: nodeId('C', sha), html_url: `${HTML}/${owner}/${repoName}/commit/${sha}`, comments_url: `${apiRepo()}/commits/${sha}/comments`,
          commit: {
            url: `${apiRepo()}/git/commits/${sha}`, author: { name: an!, email: ae!, date: ad! }, committer: { name: cn!, email: ce!, date: cd! },
            message: message.join('\0').trimEnd(), comment_count: 0, tree: { sha: tree!, url: `${apiRepo()}/git/trees/${tree}` },
          },
          author: null, committer: null,
          parents: parents!.split(' ').filter(Boolean).map((p) => ({ sha: p, url: `${apiRepo()}/commits/${p}`, html_url: `${HTML}/${owner}/${repoName}/commit/${p}` })),
        };
      };
      const perPage = Math.min(Number(query.get('per_page') ?? 250) || 250, 250);
      const pageNumber = Number(query.get('page') ?? 1) || 1;
      const commits = await Promise.all(ahead.slice((pageNumber - 1) * perPage, pageNumber * perPage).map(commitJson));
      return {
        status: 200,
        body: {
          url: `${apiRepo()}/compare/${params.basehead}`, html_url: `${HTML}/${owner}/${repoName}/compare/${params.basehead}`,
          permalink_url: `${HTML}/${owner}/${repoName}/compare/${owner}:${baseSha.slice(0, 7)}...${owner}:${headOid.slice(0, 7)}`,
          diff_url: `${HTML}/${owner}/${repoName}/compare/${params.basehead}.diff`, patch_url: `${HTML}/${owner}/${repoName}/compare/${params.basehead}.patch`,
          base_commit: await commitJson(baseSha), merge_base_commit: await commitJson(mergeBase),
          status: ahead.length && behind ? 'diverged' : ahead.length ? 'ahead' : behind ? 'behind' : 'identical',
          ahead_by: ahead.length, behind_by: behind, total_commits: ahead.length, commits, files,
        },
      };
    },
    'repos/get-content': async (params, query) => {
      const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' } };
      if (!gitDir) return notFound;
      const ref = query.get('ref') ?? 'HEAD';
      const path = String(params.path);
      if (ref.startsWith('-') || path.startsWith('-')) return notFound;
      const spec = `${ref}:${path}`;
      // Only files are served (a directory, link or submodule: 404 here, unlike GitHub).
      const type = await git(gitDir, ['cat-file', '-t', '--end-of-options', spec]);
      if (type.code !== 0 || type.stdout.trim() !== 'blob') return notFound;
      const mode = (await gitOk(gitDir, ['ls-tree', '--format=%(objectmode)', '--end-of-options', ref, '--', path])).trim();
      if (mode !== '100644' && mode !== '100755') return notFound;
      const sha = await gitOk(gitDir, ['rev-parse', '--verify', '--quiet', spec]);
      const content = await new Promise<Buffer>((resolve, reject) => {
        const child = spawn('git', ['-C', gitDir, 'cat-file', 'blob', sha], { stdio: ['ignore', 'pipe', 'ignore'] });
        const out: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.on('error', reject);
        child.on('close', () => resolve(Buffer.concat(out)));
      });
      const self = `${apiRepo()}/contents/${path}?ref=${ref}`;
      const html = `${HTML}/${owner}/${repoName}/blob/${ref}/${path}`;
      const git_url = `${apiRepo()}/git/blobs/${sha}`;
      return {
        status: 200,
        body: {
          type: 'file', encoding: 'base64', size: content.length, name: path.split('/').pop()!, path, sha,
          content: content.toString('base64').replace(/.{60}/g, '$&\n'),
          url: self, git_url, html_url: html, download_url: `https://raw.githubusercontent.com/${owner}/${repoName}/${ref}/${path}`,
          _links: { self, git: git_url, html },
        },
      };
    },
    'git/create-ref': async (_p, _q, body) => {
      const ref = String(body.ref);
      const sha = String(body.sha);
      if (!/^refs\/[^/]+\/.+/.test(ref)) return validationFailed('Reference', `${ref} is not a valid ref name.`, 'ref');
      if (!gitDir) return validationFailed('Reference', 'the stand-in has no repository for refs');
      return inTurn(async () => {
        if ((await git(gitDir, ['check-ref-format', ref])).code !== 0) return validationFailed('Reference', `${ref} is not a valid ref name.`, 'ref');
        if ((await git(gitDir, ['cat-file', '-e', `${sha}^{commit}`])).code !== 0) return validationFailed('Reference', 'Object does not exist', 'sha');
        const created = await git(gitDir, ['update-ref', ref, sha, '']);
        if (created.code !== 0) return validationFailed('Reference', 'Reference already exists');
        return {
          status: 201,
          body: { ref, node_id: nodeId('REF', ref), url: `${apiRepo()}/git/${ref}`, object: { type: 'commit', sha, url: `${apiRepo()}/git/commits/${sha}` } },
          headers: { location: `${apiRepo()}/git/${ref}` },
        };
      });
    },
    'git/update-ref': async (params, _q, body) => {
      const ref = `refs/${String(params.ref)}`;
      const sha = String(body.sha);
      if (!gitDir) return validationFailed('Reference', 'the stand-in has no repository for refs');
      return inTurn(async () => {
        const old = await git(gitDir, ['rev-parse', '--verify', '--quiet', ref]);
        if (old.code !== 0) return validationFailed('Reference', 'Reference does not exist');
        if ((await git(gitDir, ['cat-file', '-e', `${sha}^{commit}`])).code !== 0) return validationFailed('Reference', 'Object does not exist', 'sha');
        // Without force, only a fast-forward (as GitHub).
        if (body.force !== true && (await git(gitDir, ['merge-base', '--is-ancestor', old.stdout.trim(), sha])).code !== 0) return validationFailed('Reference', 'Update is not a fast forward');
        if ((await git(gitDir, ['update-ref', ref, sha])).code !== 0) return validationFailed('Reference', 'Reference cannot be updated');
        // A branch moved to a commit its pull request's base already holds: GitHub sees the pull
        // request's commits as landed, and marks it merged (closed; it cannot be reopened).
        for (const pr of state.pullRequests) {
          if (pr.state !== 'open' || `refs/heads/${pr.head}` !== ref) continue;
          if ((await git(gitDir, ['merge-base', '--is-ancestor', sha, `refs/heads/${pr.base}`])).code !== 0) continue;
          Object.assign(pr, { state: 'closed', headSha: sha, closedAt: now(), mergedAt: now(), autoMerge: undefined });
        }
        return { status: 200, body: { ref, node_id: nodeId('REF', ref), url: `${apiRepo()}/git/${ref}`, object: { type: 'commit', sha, url: `${apiRepo()}/git/commits/${sha}` } } };
      });
    },
    'git/delete-ref': async (params) => {
      const ref = `refs/${String(params.ref)}`;
      // (GitHub's 422 says why in a body; its description documents none, so the stand-in sends none.)
      if (!gitDir) return { status: 422 };
      return inTurn(async () => {
        if (ref === 'refs/heads/main') return { status: 422 }; // the default branch
        const old = await git(gitDir, ['rev-parse', '--verify', '--quiet', ref]);
        if (old.code !== 0) return { status: 422 }; // Reference does not exist
        if ((await git(gitDir, ['update-ref', '-d', ref, old.stdout.trim()])).code !== 0) return { status: 422 };
        return { status: 204 };
      });
    },
  };

  // --- GraphQL --------------------------------------------------------------------------------
  const commitNode = (oid: string) => ({
    __typename: 'Commit',
    id: nodeId('C', oid),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    url: `${HTML}/${owner}/${repoName}/commit/${oid}`,
    commitUrl: `${HTML}/${owner}/${repoName}/commit/${oid}`,
  });
  const pullRequestNode = (pr: StandInPullRequest) => ({
    __typename: 'PullRequest',
    id: pr.nodeId,
    number: pr.number,
    url: `${HTML}/${owner}/${repoName}/pull/${pr.number}`,
    title: pr.title,
    autoMergeRequest: pr.autoMerge
      ? { __typename: 'AutoMergeRequest', mergeMethod: pr.autoMerge.method, enabledBy: { __typename: 'User', login: pr.autoMerge.enabledBy }, pullRequest: () => pullRequestNode(pr) }
      : null,
  });

  interface CommitInput {
    branch: { id?: string; repositoryNameWithOwner?: string; branchName?: string };
    expectedHeadOid: string;
    message: { headline: string; body?: string | null };
    fileChanges?: { additions?: { path: string; contents: string }[] | null; deletions?: { path: string }[] | null } | null;
  }

  const createCommitOnBranch = async ({ input }: { input: CommitInput }) => {
    if (state.commitDelayMs) await new Promise((done) => setTimeout(done, state.commitDelayMs));
    if (!gitDir) throw new GitHubGraphQLError('NOT_FOUND', 'the stand-in has no repository to commit to');
    const { repositoryNameWithOwner, branchName } = input.branch;
    if (repositoryNameWithOwner === undefined || branchName === undefined) throw new GitHubGraphQLError('UNPROCESSABLE', 'Either branch id or repositoryNameWithOwner and branchName must be specified');
    if (repositoryNameWithOwner.toLowerCase() !== `${owner}/${repoName}`.toLowerCase()) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a Repository with the name '${repositoryNameWithOwner}'.`);
    const additions = input.fileChanges?.additions ?? [];
    const deletions = input.fileChanges?.deletions ?? [];
    for (const { path } of [...additions, ...deletions]) if (!validPath(path)) throw new GitHubGraphQLError('UNPROCESSABLE', `Invalid path: ${path}`);
    return inTurn(async () => {
      const head = await branchOid(gitDir, branchName);
      if (!head) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a Ref with the name '${branchName}'.`);
      if (head !== input.expectedHeadOid) throw new GitHubGraphQLError('STALE_DATA', `Expected branch to point to "${input.expectedHeadOid}" but it did not.  Pull and try again.`);
      const scratch = await mkdtemp(join(tmpdir(), 'github-standin-'));
      try {
        const env = { GIT_INDEX_FILE: join(scratch, 'index') };
        await gitOk(gitDir, ['read-tree', head], { env });
        for (const { path } of deletions) {
          if ((await gitOk(gitDir, ['ls-tree', head, '--', path])) === '') {
            throw new GitHubGraphQLError('UNPROCESSABLE', `A path was requested for deletion which does not exist as of commit oid \`${head}\``);
          }
          await gitOk(gitDir, ['update-index', '--force-remove', '--', path], { env });
        }
        for (const { path, contents } of additions) {
          const blob = await gitOk(gitDir, ['hash-object', '-w', '--stdin'], { input: Buffer.from(contents, 'base64') });
          const mode = (await gitOk(gitDir, ['ls-tree', head, '--', path])).split(' ')[0];
          await gitOk(gitDir, ['update-index', '--add', '--cacheinfo', `${mode === '100755' ? '100755' : '100644'},${blob},${path}`], { env });
        }
        const tree = await gitOk(gitDir, ['write-tree'], { env });
        const message = input.message.body ? `${input.message.headline}\n\n${input.message.body}` : input.message.headline;
        const commit = await gitOk(gitDir, ['commit-tree', tree, '-p', head], {
          input: message,
          env: {
            GIT_AUTHOR_NAME: state.viewer,
            GIT_AUTHOR_EMAIL: `${stableId(`user ${state.viewer}`)}+${state.viewer}@users.noreply.github.com`,
            GIT_COMMITTER_NAME: 'GitHub',
            GIT_COMMITTER_EMAIL: 'noreply@github.com',
          },
        });
        // Compare-and-swap: a git push may have moved the branch since it was read.
        if ((await git(gitDir, ['update-ref', `refs/heads/${branchName}`, commit, head])).code !== 0) {
          throw new GitHubGraphQLError('STALE_DATA', `Expected branch to point to "${input.expectedHeadOid}" but it did not.  Pull and try again.`);
        }
        state.commits.push({ oid: commit, branch: branchName, parent: head, message });
        return {
          clientMutationId: null,
          commit: commitNode(commit),
          ref: { __typename: 'Ref', id: nodeId('REF', branchName), name: branchName, prefix: 'refs/heads/', target: commitNode(commit) },
        };
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });
  };

  const enablePullRequestAutoMerge = async ({ input }: { input: { pullRequestId: string; mergeMethod?: 'MERGE' | 'SQUASH' | 'REBASE' | null; commitHeadline?: string | null; commitBody?: string | null; expectedHeadOid?: string | null } }) => {
    const pr = state.pullRequests.find((p) => p.nodeId === input.pullRequestId);
    if (!pr) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.pullRequestId}'`);
    if (!state.autoMergeAllowed) throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request Auto merge is not allowed for this repository');
    if (pr.state !== 'open') throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request is not open');
    if (state.pullRequestsClean) throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request Pull request is in clean status');
    if (input.expectedHeadOid != null) {
      // (GitHub's wording of this refusal is not documented; the stand-in's own.)
      const head = (await headSha(pr.head)) ?? pr.headSha;
      if (head !== input.expectedHeadOid) throw new GitHubGraphQLError('UNPROCESSABLE', `Pull request head is ${head}, not the expected ${input.expectedHeadOid}`);
    }
    pr.autoMerge = {
      method: input.mergeMethod ?? 'MERGE',
      enabledBy: state.viewer,
      // The message of the commit GitHub will make (merge or squash), when one was given.
      ...(input.commitHeadline != null ? { commitHeadline: input.commitHeadline } : {}),
      ...(input.commitBody != null ? { commitBody: input.commitBody } : {}),
    };
    return { clientMutationId: null, actor: { __typename: 'User', login: state.viewer }, pullRequest: pullRequestNode(pr) };
  };

  const disablePullRequestAutoMerge = async ({ input }: { input: { pullRequestId: string } }) => {
    const pr = state.pullRequests.find((p) => p.nodeId === input.pullRequestId);
    if (!pr) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.pullRequestId}'`);
    // (GitHub's wording of this refusal is not documented; the stand-in's own.)
    if (!pr.autoMerge) throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request auto merge is not enabled');
    pr.autoMerge = undefined;
    return { clientMutationId: null, actor: { __typename: 'User', login: state.viewer }, pullRequest: pullRequestNode(pr) };
  };

  const rootValue = { createCommitOnBranch, enablePullRequestAutoMerge, disablePullRequestAutoMerge };

  const graphqlReply = async (rawBody: string, record: RecordedRequest): Promise<Reply> => {
    let request: JsonObject;
    try {
      const parsed = JSON.parse(rawBody) as Json;
      if (!isObject(parsed) || typeof parsed.query !== 'string') throw new Error('no query');
      request = parsed;
    } catch {
      violations.push('POST /graphql: the body is not a JSON object with a `query` string');
      return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' } };
    }
    const variables = request.variables ?? {};
    if (!isObject(variables)) {
      violations.push('POST /graphql: `variables` is not an object');
      return { status: 200, body: { errors: [{ message: 'Variables are invalid JSON.' }] } };
    }
    let document: DocumentNode;
    try {
      document = parse(request.query as string);
    } catch (error) {
      violations.push(`POST /graphql: the document does not parse: ${(error as Error).message}`);
      return { status: 200, body: { errors: [{ message: (error as Error).message }] } };
    }
    const invalid = validate(schema, document);
    if (invalid.length) {
      for (const e of invalid) violations.push(`POST /graphql: ${e.message}`);
      return { status: 200, body: { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) } };
    }
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const named = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    record.operationName = operationName ?? (named && 'name' in named ? named.name?.value : undefined);
    const result = await execute({ schema, document, rootValue, variableValues: variables, ...(operationName ? { operationName } : {}) });
    const errors = (result.errors ?? []).map((e: GraphQLError) => {
      const original = e.originalError;
      if (original instanceof GitHubGraphQLError) return { type: original.type, path: e.path, locations: e.locations, message: original.message };
      violations.push(`POST /graphql (${record.operationName ?? 'anonymous'}): ${e.message}${e.path ? ` at ${e.path.join('.')}` : ''}`);
      return { message: e.message, ...(e.path ? { path: e.path } : {}), ...(e.locations ? { locations: e.locations } : {}) };
    });
    return { status: 200, body: { ...('data' in result ? { data: result.data ?? null } : {}), ...(errors.length ? { errors } : {}) } };
  };

  // --- faults ----------------------------------------------------------------------------------
  const faultFor = (line: string): Fault | undefined => {
    const fault = state.faults.find((f) => f.times > 0 && (!f.match || f.match.test(line)));
    if (fault) fault.times--;
    return fault;
  };
  const faultReply = (fault: Fault, graphqlRequest: boolean): Reply => {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    const exhausted = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': graphqlRequest ? 'graphql' : 'core' };
    if (fault.kind === 'server-error') return { status: 502, body: { message: 'Server Error' } };
    if (fault.kind === 'secondary-rate-limit') {
      return {
        status: fault.status ?? 403,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits` },
      };
    }
    if (graphqlRequest) return { status: 200, headers: exhausted, body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] } };
    return { status: 403, headers: exhausted, body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` } };
  };

  // --- dispatch --------------------------------------------------------------------------------
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    const line = `${method} ${url.pathname}`;
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = rawBody;
    }
    const record: RecordedRequest = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, status: 0 };
    requests.push(record);
    const send = (reply: Reply) => {
      record.status = reply.status;
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'x-github-media-type': 'github.v3; format=json', ...reply.headers });
      res.end(text);
    };

    if (options.token !== undefined) {
      const auth = req.headers.authorization ?? '';
      if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) {
        violations.push(`${line}: sent without the token`);
        return send({ status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } });
      }
    }

    if (url.pathname === '/graphql') {
      if (method !== 'POST') {
        violations.push(`${line}: GraphQL takes POST`);
        return send({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
      }
      const fault = faultFor(line);
      if (fault) {
        record.fault = fault.kind;
        return send(faultReply(fault, true));
      }
      return send(await graphqlReply(rawBody, record));
    }

    const { op, params, pathKnown } = matchOperation(api, method, url.pathname);
    if (!op) {
      violations.push(`${line}: ${pathKnown ? 'the path has no such method' : 'no such path'} in GitHub's REST API`);
      return send({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
    }
    record.operationId = op.operationId;
    const problems = checkRequest(api, op, params, url.searchParams, rawBody);
    if (problems.length) {
      for (const p of problems) violations.push(`${line} (${op.operationId}): ${p}`);
      return send({ status: 422, body: { message: `Invalid request.\n\n${problems.join('\n')}`, documentation_url: DOCS } });
    }
    const fault = faultFor(line);
    if (fault) {
      record.fault = fault.kind;
      return send(faultReply(fault, false));
    }
    if (params.owner !== undefined && (params.owner !== owner || params.repo !== repoName)) {
      violations.push(`${line}: the stand-in serves ${owner}/${repoName}, not ${params.owner}/${params.repo}`);
      return send({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
    }
    const handler = handlers[op.operationId];
    if (!handler) {
      violations.push(`${line}: ${op.operationId} is a GitHub operation the stand-in does not implement`);
      return send({ status: 501, body: { message: 'Not Implemented', documentation_url: DOCS } });
    }
    const reply = await handler(params, url.searchParams, (isObject(body as Json) ? body : {}) as JsonObject);
    for (const p of checkResponse(api, op, reply.status, reply.body)) violations.push(`${line} (${op.operationId}): ${p}`);
    send(reply);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push(`stand-in failed on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'stand-in error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    graphqlUrl: `${base}/graphql`,
    state,
    requests,
    violations,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
