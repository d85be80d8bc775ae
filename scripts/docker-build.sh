#!/bin/sh
# The image's build steps, in one place: the Dockerfile runs them, and test/docker.test.ts runs
# `assemble` and `install` the same way in a temporary directory (no Docker engine runs in CI).
#   deps              npm ci (every workspace, dev dependencies included: the build needs them)
#   build             `npm run build`: tsc, one self-contained bundle per server, the web page, the dev UI
#   assemble <out>    copies what the runtime needs into <out>: the manifests and lockfile, the
#                     orchestrator's and shared package's tsc output, each server's bin and bundle
#                     (and no src/, so the bins run the bundles)
#   install [<dir>]   production dependencies only (the servers' SDKs are inside their bundles)
# SRE_BUNDLE_ROOT (assemble): where the servers' dist/bundle directories are; default servers.
set -eu

step="${1:?usage: docker-build.sh deps | build | assemble <out> | install [<dir>]}"
servers="k8s aws-cost aws-core"
# npm ci accepts the lockfile only with every workspace's manifest in place.
workspaces="shared servers/aws-shared servers/k8s servers/aws-cost servers/aws-core orchestrator test"

case "$step" in
  deps)
    npm ci --no-audit --no-fund
    ;;
  build)
    npm run build
    ;;
  assemble)
    out="${2:?assemble needs an output directory}"
    bundles="${SRE_BUNDLE_ROOT:-servers}"
    mkdir -p "$out"
    cp package.json package-lock.json "$out/"
    for ws in $workspaces; do
      mkdir -p "$out/$ws"
      cp "$ws/package.json" "$out/$ws/"
    done
    cp -R shared/dist "$out/shared/"
    cp -R orchestrator/bin orchestrator/dist "$out/orchestrator/"
    for server in $servers; do
      mkdir -p "$out/servers/$server/dist"
      cp -R "servers/$server/bin" "$out/servers/$server/"
      cp -R "$bundles/$server/dist/bundle" "$out/servers/$server/dist/"
    done
    # Declarations, their maps and tsc's build info serve no one at run time.
    find "$out" \( -name '*.d.ts' -o -name '*.d.ts.map' -o -name '*.tsbuildinfo' \) -type f -delete
    ;;
  install)
    cd "${2:-.}"
    # Links every workspace, so the orchestrator finds the servers' bins by package name, as in a
    # checkout. --ignore-scripts: the git hook installer (`prepare`) has no place in an image.
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
    ;;
  *)
    echo "docker-build.sh: unknown step \"$step\" (deps, build, assemble or install)" >&2
    exit 2
    ;;
esac
