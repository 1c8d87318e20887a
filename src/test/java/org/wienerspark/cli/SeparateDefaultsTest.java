package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wienerspark.separation.SeparationConfig;
import picocli.CommandLine;

class SeparateDefaultsTest {

    private static SeparateCommand parse(String... args) {
        SeparateCommand c = new SeparateCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void theCommandLinesDefaultsAreTheConfigurations() {
        SeparateCommand c = parse("--output", "o");
        assertEquals(SeparationConfig.DEFAULT_ITERATIONS, c.iterations);
        assertEquals(SeparationConfig.DEFAULT_SOFTMASK, c.softmask);
        assertEquals(SeparationConfig.DEFAULT_EPS, c.eps);
        assertEquals(SeparationConfig.DEFAULT_ALPHA, c.alpha);
        assertEquals(SeparationConfig.DEFAULT_N_FFT, c.nFft);
        assertEquals(SeparationConfig.DEFAULT_HOP, c.hop);
        assertEquals(SeparationConfig.DEFAULT_BLOCK_FRAMES, c.blockFrames);
        assertEquals(SeparationConfig.DEFAULT_EM_WINDOW_FRAMES, c.emWindowFrames);
        assertEquals(SeparationConfig.DEFAULT_OUTPUT_FORMAT.option(), c.outputFormat);
        assertEquals(SeparationConfig.DEFAULT_BROADCAST_LIMIT, c.broadcastLimitMb << 20);
        assertEquals(SeparationConfig.DEFAULT_PARTITIONS, c.partitions);
        assertEquals(SeparationConfig.DEFAULT_CACHE_BLOCKS, c.cacheBlocks);
        assertEquals(SeparationConfig.DEFAULT_CACHE_LIMIT, (long) (c.cacheLimitGb * (1L << 30)));
        assertEquals(SeparationConfig.DEFAULT_CHECKPOINT_EVERY, c.checkpointEvery);
        assertEquals(SeparationConfig.DEFAULT_PRECISION.option(), c.precision);
    }

    @Test
    void negatableOptionsTurnOffTheirDefault() {
        SeparateCommand c = parse("--output", "o", "--no-softmask", "--no-cache-blocks");
        assertFalse(c.softmask);
        assertFalse(c.cacheBlocks);
        assertTrue(parse("--output", "o", "--softmask").softmask);
    }
}
