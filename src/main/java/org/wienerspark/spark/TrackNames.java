package org.wienerspark.spark;

/**
 * Track and source names become file names under the output root; a name that could write
 * elsewhere is refused.
 */
public final class TrackNames {

    private TrackNames() {
    }

    /** Why a name cannot be used as one path component, or null when it can. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "empty name";
        }
        if (name.equals(".") || name.equals("..")) {
            return "name '" + name + "' would write outside the output folder";
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '/' || ch == '\\' || ch == ':' || ch < 0x20) {
                return "name '" + name + "' contains a path separator or control character";
            }
        }
        if (name.startsWith("_") || name.startsWith(".")) {
            return "name '" + name + "' starts with '_' or '.', which mark hidden or job files";
        }
        return null;
    }
}
