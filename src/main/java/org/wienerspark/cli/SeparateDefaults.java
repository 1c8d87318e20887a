package org.wienerspark.cli;

import java.util.Map;
import org.wienerspark.separation.SeparationConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * The defaults of {@code separate}: the properties file named by the system property
 * {@code picocli.defaults.separate.path} ({@code conf/separate.properties} in the launch
 * scripts) overrides them; every other default is {@link SeparationConfig}'s, declared there once.
 */
public final class SeparateDefaults implements IDefaultValueProvider {

    /** Option name without dashes to the job's default, as the option's text. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("iterations", String.valueOf(SeparationConfig.DEFAULT_ITERATIONS)),
            Map.entry("softmask", String.valueOf(SeparationConfig.DEFAULT_SOFTMASK)),
            Map.entry("eps", String.valueOf(SeparationConfig.DEFAULT_EPS)),
            Map.entry("alpha", String.valueOf(SeparationConfig.DEFAULT_ALPHA)),
            Map.entry("n-fft", String.valueOf(SeparationConfig.DEFAULT_N_FFT)),
            Map.entry("hop", String.valueOf(SeparationConfig.DEFAULT_HOP)),
            Map.entry("block-frames", String.valueOf(SeparationConfig.DEFAULT_BLOCK_FRAMES)),
            Map.entry("em-window-frames", String.valueOf(SeparationConfig.DEFAULT_EM_WINDOW_FRAMES)),
            Map.entry("output-format", SeparationConfig.DEFAULT_OUTPUT_FORMAT.option()),
            Map.entry("broadcast-limit-mb", String.valueOf(SeparationConfig.DEFAULT_BROADCAST_LIMIT >> 20)),
            Map.entry("partitions", String.valueOf(SeparationConfig.DEFAULT_PARTITIONS)),
            Map.entry("cache-blocks", String.valueOf(SeparationConfig.DEFAULT_CACHE_BLOCKS)),
            Map.entry("cache-limit-gb", String.valueOf(SeparationConfig.DEFAULT_CACHE_LIMIT >> 30)),
            Map.entry("checkpoint-every", String.valueOf(SeparationConfig.DEFAULT_CHECKPOINT_EVERY)),
            Map.entry("precision", SeparationConfig.DEFAULT_PRECISION.option()));

    private final PropertiesDefaultProvider file = new PropertiesDefaultProvider();

    @Override
    public String defaultValue(ArgSpec argSpec) throws Exception {
        String fromFile = file.defaultValue(argSpec);
        if (fromFile != null) {
            return fromFile;
        }
        if (argSpec instanceof OptionSpec o) {
            return DEFAULTS.get(o.longestName().replaceFirst("^--", ""));
        }
        return null;
    }
}
