package org.wienerspark.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkEnv;

/**
 * Where a task keeps its local temporary files (a FLAC writer's spooled frames): the first of the
 * local folders Spark itself uses for shuffle files, picked as Spark picks them, so that they are
 * cleaned as Spark's are. In a YARN container, {@code LOCAL_DIRS} (the application's folders,
 * removed by the NodeManager when the application ends, killed or not); on a standalone worker,
 * {@code SPARK_EXECUTOR_DIRS} (removed by the worker when the executor exits); else
 * {@code SPARK_LOCAL_DIRS}, else {@code spark.local.dir} (for {@code jobs/separate}, the run's
 * scratch space, whose folder a later run removes if this one is killed); else null, meaning
 * {@code java.io.tmpdir}.
 */
public final class LocalDirs {

    private LocalDirs() {
    }

    /** The folder for this task's temporary files, created if needed, or null for {@code java.io.tmpdir}. */
    public static Path forTask() throws IOException {
        SparkEnv env = SparkEnv.get();
        String local = env == null ? null : env.conf().get("spark.local.dir", null);
        Path dir = pick(System::getenv, local);
        return dir == null ? null : Files.createDirectories(dir);
    }

    /** The first configured local folder, by Spark's order of precedence, or null. */
    static Path pick(UnaryOperator<String> env, String sparkLocalDir) {
        String dirs = null;
        if (env.apply("CONTAINER_ID") != null) {
            dirs = env.apply("LOCAL_DIRS");
        }
        for (String d : new String[] {env.apply("SPARK_EXECUTOR_DIRS"), env.apply("SPARK_LOCAL_DIRS"), sparkLocalDir}) {
            if (dirs == null || dirs.isBlank()) {
                dirs = d;
            }
        }
        if (dirs == null || dirs.isBlank()) {
            return null;
        }
        // Spark joins several folders with ',' (SPARK_EXECUTOR_DIRS with the path separator).
        String first = dirs.split("[," + java.io.File.pathSeparator + "]")[0].strip();
        return first.isEmpty() ? null : Path.of(first);
    }
}
