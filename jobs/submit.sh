#!/usr/bin/env bash
# Runs an mlpf stage with spark-submit on a cluster: the application jar (target/mlpf-spark-*-app.jar, built if
# missing), a properties file for spark-submit and the same file as the stage's configuration. SPARK_HOME decides
# which Spark; on a machine without a Spark distribution, jobs/make-spark-home makes one from Maven artifacts.
#
# Usage: jobs/submit.sh [--gpu] [--conf FILE] [--master URL] [--spark-conf KEY=VALUE]... [--deploy-mode MODE]
#                       STAGE [STAGE ARGS...]
#   --gpu                  use conf/gpu.conf (GPU executors, RAPIDS, DJL on CUDA) instead of conf/cluster.conf, and
#                          ship the RAPIDS jar (jobs/fetch-rapids-jar); build the jar with CUDA natives: mvn -Pcuda package
#   --conf FILE            another properties file
#   --master URL           overrides spark.master of the file
#   --spark-conf KEY=VALUE overrides one Spark property of the file (repeatable), e.g. spark.executor.memory=1g
#   --deploy-mode MODE     client (default: the driver runs here, its exit code is the job's) or cluster
# STAGE is any jobs/mlpf command that takes --conf and --master (the stages, pipeline, config, bench generate ...).
# Example: jobs/submit.sh --master spark://127.0.0.1:7077 tensorize --in ROOT/ntuples --out ROOT/tensors
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conf="$root/conf/cluster.conf"
master=()
sparkconf=()
gpu=0
deploy=(--deploy-mode client)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --gpu) conf="$root/conf/gpu.conf"; gpu=1; shift ;;
    --conf) conf="$(realpath "$2")"; shift 2 ;;
    --master) master=(--master "$2"); shift 2 ;;
    --spark-conf) sparkconf+=(--conf "$2"); shift 2 ;;
    --deploy-mode) deploy=(--deploy-mode "$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || { echo "submit.sh: name the stage to run (see jobs/mlpf --help)" >&2; exit 2; }
: "${SPARK_HOME:?submit.sh: set SPARK_HOME to a Spark 3.5 installation (jobs/make-spark-home makes one)}"

shopt -s nullglob
jars=("$root"/target/mlpf-spark-*-app.jar)
if [[ ${#jars[@]} -eq 0 ]]; then
  echo "submit.sh: building the application jar (mvn package) ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package) >&2
  jars=("$root"/target/mlpf-spark-*-app.jar)
fi

if [[ "$gpu" == 1 ]]; then
  # The RAPIDS Accelerator ships with the application (fetched from Maven Central once).
  sparkconf+=(--jars "$("$root/jobs/fetch-rapids-jar")")
fi

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# In client mode the spark-submit JVM is the driver: quiet Spark's logging like jobs/mlpf does, keep DJL offline.
export SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:-} -Dlog4j2.configurationFile=$root/conf/log4j2.properties"
export DJL_OFFLINE=true
exec "$SPARK_HOME/bin/spark-submit" --class org.mlpf.cli.Main --properties-file "$conf" ${master[@]:+"${master[@]}"} \
  ${sparkconf[@]:+"${sparkconf[@]}"} "${deploy[@]}" "${jars[0]}" "$@" --conf "$conf" ${master[@]:+"${master[@]}"}
