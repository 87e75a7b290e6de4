#!/bin/sh
# IBM Spectrum Symphony Host Factory calls this as: getReturnRequests.sh -f <input-json-file>
# It prints only the response JSON on stdout; logs go to $HF_PROVIDER_LOGDIR/app.log.
# Set OHFP_BIN to use an installed ohfp instead of the one next to this script.
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if [ -n "${OHFP_BIN:-}" ]; then
  exec "$OHFP_BIN" getReturnRequests "$@"
fi
exec node "$HERE/../dist/main.js" getReturnRequests "$@"
