#!/usr/bin/env bash
# Refreshes the ECharts build embedded in the report from the npm registry.
#
#   reports/echarts/update.sh          # re-fetch the pinned version (VERSION)
#   reports/echarts/update.sh 5.6.0    # move to another 5.x version
#
# The package tarball is checked against the registry's published sha512
# integrity before anything is copied; the sha256 of echarts.min.js is then
# recorded in echarts.min.js.sha256, which a test checks the embedded file
# against.
set -euo pipefail
cd "$(dirname "$0")"
version=${1:-$(cat VERSION)}
case "$version" in 5.*) ;; *) echo "the report is built for ECharts 5.x, not $version" >&2; exit 2;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null)
tarball="$tmp/echarts-$version.tgz"
want=$(npm view "echarts@$version" dist.integrity)
have="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$want" != "$have" ]; then
  echo "echarts-$version.tgz does not match the registry's integrity: $have, want $want" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$tmp"
cp "$tmp/package/dist/echarts.min.js" "$tmp/package/LICENSE" "$tmp/package/NOTICE" .
echo "$version" > VERSION
sha256sum echarts.min.js > echarts.min.js.sha256
echo "echarts $version: $(cut -d' ' -f1 echarts.min.js.sha256)"
