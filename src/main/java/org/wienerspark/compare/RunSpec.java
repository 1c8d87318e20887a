package org.wienerspark.compare;

import org.apache.hadoop.fs.Path;

/**
 * A run on the command line: {@code label=DIR}, or {@code DIR} labelled by its folder's name.
 *
 * @param label the method label
 * @param dir   the folder (a path or URI)
 */
public record RunSpec(String label, String dir) {

    public RunSpec {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a run needs a label: " + dir);
        }
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("run '" + label + "' has no folder");
        }
    }

    /**
     * Parses {@code label=DIR} or {@code DIR}. An {@code =} counts as the label's end only when
     * what precedes it has no {@code /} or {@code :}, so a path or URI holding {@code =}
     * ({@code s3a://bucket/date=2026-11-30/run}) is a folder.
     */
    public static RunSpec parse(String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0) {
            String head = arg.substring(0, eq);
            if (head.indexOf('/') < 0 && head.indexOf(':') < 0) {
                return new RunSpec(head.strip(), arg.substring(eq + 1));
            }
        }
        if (arg.isBlank()) {
            throw new IllegalArgumentException("an empty run");
        }
        String name = new Path(arg).getName();
        return new RunSpec(name.isEmpty() ? arg : name, arg);
    }
}
