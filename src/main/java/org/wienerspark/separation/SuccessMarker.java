package org.wienerspark.separation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The content of {@code _SUCCESS}: what a rerun compares to decide whether a track is done. */
final class SuccessMarker {
    private SuccessMarker() {
    }

    static Map<String, Object> content(FileSystem fs, TrackPlan plan, SeparationConfig config) throws IOException {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("track", plan.name());
        marker.put("settings", settings(config));
        marker.put("inputs", inputs(fs, plan));
        marker.put("sources", plan.sources());
        return marker;
    }

    static Map<String, Object> settings(SeparationConfig config) {
        Map<String, Object> s = new LinkedHashMap<>(config.asMap());
        // Where the output goes and how the work is cut do not change the result.
        s.remove("output");
        s.remove("partitions");
        s.remove("block_frames");
        s.remove("broadcast_limit_bytes");
        s.remove("cache_blocks");
        s.remove("cache_limit_bytes");
        s.remove("overwrite");
        s.remove("fail_fast");
        s.remove("checkpoint_every");
        return s;
    }

    static List<Map<String, Object>> inputs(FileSystem anyFs, TrackPlan plan) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> files = new ArrayList<>();
        files.add(plan.mixture());
        files.addAll(plan.estimates());
        for (String f : files) {
            Path p = new Path(f);
            FileStatus st = p.getFileSystem(anyFs.getConf()).getFileStatus(p);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f);
            m.put("length", st.getLen());
            m.put("modified", st.getModificationTime());
            out.add(m);
        }
        return out;
    }
}
