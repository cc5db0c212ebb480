#!/bin/sh
# A stand-in background worker: asks the api for its health every INTERVAL seconds.
n=0
echo "worker: started, polling ${API_URL}"
while true; do
  n=$((n + 1))
  if answer=$(wget -q -O - "${API_URL}" 2>&1); then
    echo "worker: job ${n} done (api says ${answer})"
  else
    echo "worker: job ${n} failed: ${answer}" >&2
  fi
  sleep "${INTERVAL:-5}"
done
