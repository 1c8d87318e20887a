package org.wienerspark.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.wienerspark.demo.DemoCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo-data}: writes the deterministic demo corpus. */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = "Write a small deterministic demo corpus (mixtures, estimates, references).")
public final class DemoDataCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "corpus root")
    String output;

    @Option(names = "--tracks", defaultValue = "3", description = "number of tracks (default: ${DEFAULT-VALUE})")
    int tracks;

    @Option(names = "--seconds", defaultValue = "12", description = "seconds per track (default: ${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws Exception {
        Configuration conf = new Configuration();
        DemoCorpus.write(conf, output, tracks, seconds);
        System.out.println("demo corpus: " + tracks + " tracks of " + seconds + " s in " + output
                + " (mixtures/, estimates/, references/)");
        return 0;
    }
}
