#!/usr/bin/env bash
# The overhead benchmark's baseline: the least git work that makes the same change as one
# `ferry bump`, as a shell script: a bare, shallow, blob-less clone; the manifest read and edited
# (newTag and digest replaced with sed); one blob, one tree per directory of the path, one commit;
# one push. It knows the manifest's path (reads no ferry.yaml) and validates nothing.
# Usage: minimal-bump.sh <url> <manifest path> <tag> <digest> <work dir>; prints the commit pushed.
set -euo pipefail
url=$1 manifest=$2 tag=$3 digest=$4 dir=$5
upload_pack='git -c uploadpack.allowFilter=true upload-pack'

git clone --bare --quiet --depth=1 --filter=blob:none --single-branch --branch main --no-tags \
  --upload-pack "$upload_pack" --config "remote.origin.uploadpack=$upload_pack" "$url" "$dir"
cd "$dir"
parent=$(git rev-parse refs/heads/main)
oid=$(git cat-file blob "$parent:$manifest" \
  | sed -e "s|^\([[:space:]]*newTag:[[:space:]]*\)[^[:space:]#]*|\1$tag|" -e "s|^\([[:space:]]*digest:[[:space:]]*\)sha256:[0-9a-f]*|\1$digest|" \
  | git hash-object -w --stdin)
# Rebuild the trees from the file's directory up to the root.
path=$manifest
while :; do
  name=${path##*/}
  if [ "$name" = "$path" ]; then dir_path=''; else dir_path=${path%/*}; fi
  oid=$(git ls-tree "$parent:$dir_path" | awk -v n="$name" -v o="$oid" -F'\t' \
    '{ split($1, f, " "); if ($2 == n) print f[1] " " f[2] " " o "\t" n; else print }' | git mktree --missing)
  [ -z "$dir_path" ] && break
  path=$dir_path
done
commit=$(git commit-tree "$oid" -p "$parent" -m "bump: $manifest $tag")
git push --quiet origin "$commit:refs/heads/main"
echo "$commit"
