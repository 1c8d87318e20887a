package org.wienerspark.evaluation;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioInfo;
import org.wienerspark.io.AudioReader;

/**
 * A reference that has no file of its own, read as the sample-wise sum of other references (as
 * musdb builds the accompaniment from drums, bass and other before museval scores it). The parts
 * were checked on the driver to share rate, channels and length; the sum is taken in double.
 */
final class SummedReference implements AudioReader {

    private final String name;
    private final AudioReader[] parts;
    private double[] buffer = new double[0];

    SummedReference(Configuration conf, String name, List<String> files) throws IOException {
        this.name = name;
        parts = new AudioReader[files.size()];
        try {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = Audio.open(conf, new Path(files.get(i)));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AudioInfo info() {
        return parts[0].info();
    }

    @Override
    public double[] read(long startFrame, long endFrame) throws IOException {
        double[] out = new double[Math.toIntExact((endFrame - startFrame) * info().channels())];
        read(startFrame, endFrame, out, 0);
        return out;
    }

    @Override
    public void read(long startFrame, long endFrame, double[] out, int offset) throws IOException {
        int count = Math.toIntExact((endFrame - startFrame) * info().channels());
        parts[0].read(startFrame, endFrame, out, offset);
        if (parts.length > 1 && buffer.length < count) {
            buffer = new double[count];
        }
        for (int i = 1; i < parts.length; i++) {
            parts[i].read(startFrame, endFrame, buffer, 0);
            for (int j = 0; j < count; j++) {
                out[offset + j] += buffer[j];
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (AudioReader r : parts) {
            if (r != null) {
                try {
                    r.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
