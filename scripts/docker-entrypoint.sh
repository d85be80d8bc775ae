#!/bin/sh
# The image's entrypoint: any of the four commands, or `serve`/`chat`/`token` as sre-agent's.
set -e
case "${1:-}" in
  "") set -- sre-agent serve ;;
  serve | chat | token) set -- sre-agent "$@" ;;
  -*) set -- sre-agent "$@" ;;
esac
exec "$@"
