#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript in conf/gpu.conf): prints the GPUs this
# executor may use as the JSON Spark expects, {"name": "gpu", "addresses": ["0", "1", ...]}. Uses nvidia-smi; honours
# CUDA_VISIBLE_DEVICES when the cluster manager already restricts the devices. Prints no address when there is no
# GPU (the executor then gets none and the job stays pending: gpu.conf is only for machines with GPUs).
set -euo pipefail
if [[ -n "${CUDA_VISIBLE_DEVICES:-}" ]]; then
  IFS=',' read -r -a ids <<< "$CUDA_VISIBLE_DEVICES"
elif command -v nvidia-smi >/dev/null 2>&1; then
  mapfile -t ids < <(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null)
else
  ids=()
fi
printf '{"name": "gpu", "addresses": ['
sep=""
for id in "${ids[@]}"; do
  id="${id//[[:space:]]/}"
  [[ -n "$id" ]] || continue
  printf '%s"%s"' "$sep" "$id"
  sep=", "
done
printf ']}\n'
