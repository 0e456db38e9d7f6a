// cloneRemote: which remote a working clone given as --repo was cloned from, from its git config
// (`git config --get-regexp` lines): the one its branch tracks, else origin, else the first; none
// for a repository with no remote (an env repo of its own, which Ferry does not warn of).
import { expect, test } from 'vitest';
import { cloneRemote } from '../../actions/src/adapters/git.js';

test.each<[string, string, string | undefined]>([
  ['the remote the branch tracks (a clone: origin)', 'remote.origin.url /srv/env.git\nbranch.main.remote origin', '/srv/env.git'],
  ['no remote', '', undefined],
  ['only a promisor flag', 'remote.origin.promisor true', undefined],
  ['the remote the branch tracks, before origin', 'remote.origin.url /a.git\nremote.upstream.url https://***@example.com/b.git\nbranch.main.remote upstream', 'https://***@example.com/b.git'],
  ['a remote the branch does not track (a backup of an env repo of its own): none', 'remote.origin.url /o.git', undefined],
  ['remotes, none tracked: none', 'remote.fork.url /f.git\nremote.other.url /x.git', undefined],
  ['another branch tracking a remote: none for this one', 'remote.origin.url /o.git\nbranch.work.remote origin', undefined],
  ['a branch tracking a remote with no URL (.): none', 'remote.origin.url /o.git\nbranch.main.remote .', undefined],
])('%s', (_name, config, remote) => {
  expect(cloneRemote(config, 'main')).toBe(remote);
});
