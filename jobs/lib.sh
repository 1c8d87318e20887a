# Shared by the launch scripts: build the application once, then run it with Spark from the
# Maven dependencies (no Spark installation needed).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP_JAR="$ROOT/target/wiener-spark-0.1.0-SNAPSHOT-app.jar"
CLASSPATH_FILE="$ROOT/target/run-classpath.txt"

# The module flags Spark's own launcher adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions).
SPARK_JAVA_OPTS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
)
# The FFT's SIMD loops (org.wienerspark.core.RealFft; plain-Java loops and the same output without).
SPARK_JAVA_OPTS+=(--add-modules=jdk.incubator.vector)

# A local run is a short-lived JVM that loads Spark, Hadoop and Kryo once: most of its CPU beyond
# the tasks' own goes to loading those classes and to C2-compiling start-up code that runs a few
# thousand times and never again. Two remedies, measured on the bench corpus (4 x 30 s, local[1] on
# one CPU, cold; user CPU 48 s, of which 14 s task CPU): the class-data archive of jobs/cds (37 s)
# and, with it, C2 thresholds five times the defaults (31-35 s; the kernels still reach C2 within
# their first blocks, the task CPU did not change). JAVA_OPTS come later and win.
LOCAL_JIT_OPTS=(-XX:Tier4InvocationThreshold=25000 -XX:Tier4MinInvocationThreshold=3000
  -XX:Tier4CompileThreshold=75000)
# Start-up code that still reached C2 under those thresholds: Java serialisation (task and record
# deserialisation), Spark's closure cleaner (xbean ASM), Kryo's registration, the JDK's lambda
# spinning, Hadoop's configuration parsing, regex, jar, URI, JMX and locale lookups. Its compiles
# were 11-14 s of C2 CPU on the e2e corpus (4 x 128 s, local[1] on one CPU) for code that ran
# under a second in total; 20 times the thresholds for these classes only leaves them in C1:
# C2 CPU 4-7 s, process CPU 0.9-7.8 s less in four alternated pairs (median 1.5 s of 60-76 s).
LOCAL_JIT_OPTS+=(-XX:CompileCommand=quiet)
for startup_classes in 'java/io/Object*.*' 'org/apache/xbean/*.*' 'com/esotericsoftware/*.*' \
  'jdk/internal/org/objectweb/*.*' 'org/apache/hadoop/conf/*.*' 'java/util/regex/*.*' 'java/util/jar/*.*' \
  'java/net/URI*.*' 'javax/management/*.*' 'sun/util/locale/*.*' 'java/lang/invoke/*.*' \
  'org/apache/hadoop/fs/Path.*'; do
  LOCAL_JIT_OPTS+=("-XX:CompileCommand=CompileThresholdScaling,$startup_classes,20.0")
done
unset startup_classes
CDS_ARCHIVE="$ROOT/target/cds/wiener-spark.jsa"

# -XX:SharedArchiveFile when jobs/cds has made an archive of this build (the JVM refuses an archive
# whose jars changed, with a warning on every start: a stale one is skipped here, with a hint).
cds_opts() {
  [ -z "${WIENER_NO_CDS:-}" ] && [ -f "$CDS_ARCHIVE" ] || return 0
  if [ "$APP_JAR" -nt "$CDS_ARCHIVE" ] || [ "$CLASSPATH_FILE" -nt "$CDS_ARCHIVE" ]; then
    echo "[wiener-spark] $CDS_ARCHIVE is older than the build, not used: jobs/cds remakes it" >&2
    return 0
  fi
  printf -- '-XX:SharedArchiveFile=%s\n' "$CDS_ARCHIVE"
}

# The heap of a local run that neither --driver-memory nor DRIVER_MEMORY sets: 2g for one task
# slot and 1g more for each further slot (every running task holds its blocks' arrays), at most
# half the machine's memory and never under 2g. Measured on the bench corpus (4 x 128 s, local[2]):
# under 2g, 8.8-9.7 s of the tasks' 48-52 s of CPU went to GC; under 3g, 3.6-5.2 s.
default_heap() {
  local master="${SPARK_MASTER:-local[*]}" opt slots heap_mb mem_mb
  # A --conf spark.master=... comes after SPARK_MASTER on the command line, so it wins here too.
  for opt in ${SPARK_CONF_OPTS[@]+"${SPARK_CONF_OPTS[@]}"}; do
    case "$opt" in -Dspark.master=*) master="${opt#-Dspark.master=}" ;; esac
  done
  case "$master" in
    'local[*'*) slots=$(nproc 2>/dev/null || echo 1) ;;
    'local['[0-9]*) slots="${master#local[}"; slots="${slots%%[],]*}" ;;
    *) slots=1 ;;
  esac
  heap_mb=$((1024 + 1024 * slots))
  mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || true)
  if [ -n "$mem_mb" ] && [ "$heap_mb" -gt $((mem_mb / 2)) ]; then
    heap_mb=$((mem_mb / 2))
  fi
  if [ "$heap_mb" -lt 2048 ]; then
    heap_mb=2048
  fi
  echo "${heap_mb}m"
}

# Builds the jar and the run classpath when missing or older than the sources.
ensure_built() {
  local newest
  newest=$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$APP_JAR" -print -quit 2>/dev/null || true)
  if [ ! -f "$APP_JAR" ] || [ -n "$newest" ]; then
    echo "[wiener-spark] building the application (mvn package, tests skipped)..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
  fi
  if [ ! -f "$CLASSPATH_FILE" ] || [ "$ROOT/pom.xml" -nt "$CLASSPATH_FILE" ]; then
    # compile scope = compile + provided: Spark and Hadoop come from the Maven dependencies.
    (cd "$ROOT" && mvn -B -q dependency:build-classpath -DincludeScope=compile \
      -Dmdep.outputFile="$CLASSPATH_FILE") >&2
    # The plugin leaves an unchanged file as it was: mark it checked against this pom.xml, or
    # every launch would run Maven again.
    touch "$CLASSPATH_FILE"
  fi
}

# Spark settings from conf/spark-defaults.conf as -D flags (SparkConf reads spark.* properties).
spark_defaults() {
  local f="$ROOT/conf/spark-defaults.conf"
  [ -f "$f" ] || return 0
  grep -Ev '^\s*(#|$)' "$f" | while read -r key value; do printf -- '-D%s=%s\n' "$key" "$value"; done
}

# Runs the application's main class in one local JVM: Spark local mode on every core.
# MAIN_CLASS and EXTRA_CLASSPATH (jobs/bench) run a wrapper of it instead.
run_local() {
  local heap="${DRIVER_MEMORY:-$(default_heap)}"
  local defaults cds
  mapfile -t defaults < <(spark_defaults)
  mapfile -t cds < <(cds_opts)
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # Parallel GC: blocks are multi-megabyte arrays, which G1 allocates as humongous regions
  # that it cannot compact; under a small heap that fragmentation ran out of memory.
  # shellcheck disable=SC2086
  exec java -Xmx"$heap" -XX:+UseParallelGC ${cds[@]+"${cds[@]}"} "${LOCAL_JIT_OPTS[@]}" ${JAVA_OPTS:-} \
    "${SPARK_JAVA_OPTS[@]}" \
    -Dspark.master="${SPARK_MASTER:-local[*]}" \
    -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    "${defaults[@]}" ${SPARK_CONF_OPTS[@]+"${SPARK_CONF_OPTS[@]}"} \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    -Dpicocli.defaults.separate.path="$ROOT/conf/separate.properties" \
    -cp "$APP_JAR:$(cat "$CLASSPATH_FILE")${EXTRA_CLASSPATH:+:$EXTRA_CLASSPATH}" \
    "${MAIN_CLASS:-org.wienerspark.cli.Main}" "$@"
}

# Takes the launcher's own options out of the arguments (into ARGS):
#   --driver-memory SIZE   heap of the one JVM (a plain java launch ignores spark.driver.memory);
#   --conf KEY=VALUE       a Spark setting, as spark-submit's (repeatable): it becomes -DKEY=VALUE,
#                          which SparkConf reads like spark-submit's --conf, and spark.hadoop.* keys
#                          reach Hadoop (e.g. spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000).
# Command-line settings come after conf/spark-defaults.conf, so they win.
parse_launcher_options() {
  ARGS=()
  SPARK_CONF_OPTS=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --driver-memory) DRIVER_MEMORY="${2:?--driver-memory needs a size}"; shift 2 ;;
      --driver-memory=*) DRIVER_MEMORY="${1#*=}"; shift ;;
      --conf) add_spark_conf "${2:-}"; shift; [ $# -gt 0 ] && shift ;;
      --conf=*) add_spark_conf "${1#--conf=}"; shift ;;
      *) ARGS+=("$1"); shift ;;
    esac
  done
}

# One --conf KEY=VALUE; refused without '=' (usage error, exit 2); non-Spark keys are ignored
# with a warning, as spark-submit does.
add_spark_conf() {
  local kv="$1"
  case "$kv" in
    *=*) ;;
    *) echo "wiener-spark: --conf needs KEY=VALUE, got '$kv'" >&2; exit 2 ;;
  esac
  local key="${kv%%=*}" value="${kv#*=}"
  case "$key" in
    spark.driver.memory) DRIVER_MEMORY="$value" ;;
    spark.*) SPARK_CONF_OPTS+=("-D$key=$value") ;;
    *) echo "Warning: Ignoring non-Spark config property: $key" >&2 ;;
  esac
}

# The older name (jobs/demo): the same options.
parse_driver_memory() {
  parse_launcher_options "$@"
}
