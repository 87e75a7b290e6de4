#!/bin/sh
# IBM Spectrum Symphony Host Factory calls this as: getRequestStatus.sh -f <input-json-file>
# It prints only the response JSON on stdout; logs go to $HF_PROVIDER_LOGDIR/app.log.
# It runs, in this order: $OHFP_BIN when set; the ohfp built next to this script (the
# repository layout, ../dist/ohfp.cjs); the ohfp on PATH (npm install -g @ohf/cli). So it also
# works when copied alone into $HF_TOP/$HF_VERSION/providerplugins/<name>/scripts/.
OPERATION=getRequestStatus
# Symphony calls every few seconds: the first call that finds no resident helper for this work
# directory starts one in the background, and the calls after it hand their work to it (a
# fraction of the CPU of a call on its own). OHF_HELPER=off in the provider's environment keeps
# every call in its own process; OHF_HELPER set to anything else is left as it is.
export OHF_HELPER="${OHF_HELPER:-auto}"

fail() {
  # Symphony reads stdout as the answer: say it there in the contract's shape, and to stderr for people.
  echo "getRequestStatus.sh: $1" >&2
  printf '{"message": "%s"}\n' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
  exit 127
}

if [ -n "${OHFP_BIN:-}" ]; then
  case $OHFP_BIN in
    */*) [ -f "$OHFP_BIN" ] && [ -x "$OHFP_BIN" ] ;;
    *) command -v "$OHFP_BIN" >/dev/null 2>&1 ;;
  esac || fail "OHFP_BIN=$OHFP_BIN is not an executable file (or a command on PATH); point it at the ohfp command or unset it."
  exec "$OHFP_BIN" "$OPERATION" "$@"
fi
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if [ -f "$HERE/../dist/ohfp.cjs" ] && command -v node >/dev/null 2>&1; then
  exec node "$HERE/../dist/ohfp.cjs" "$OPERATION" "$@"
fi
if command -v ohfp >/dev/null 2>&1; then
  exec ohfp "$OPERATION" "$@"
fi
fail "ohfp not found: set OHFP_BIN to the ohfp command, or install it on PATH with npm install -g @ohf/cli."
