package org.wienerspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wienerspark.results.Comparison;
import org.wienerspark.results.RunScores;
import org.wienerspark.results.TrackSummary;

/**
 * report.html in a real headless Chromium (Debian's package; .ci/run installs it): the page loads
 * without errors, every chart is decoded and displayed with a non-zero size, nothing is fetched
 * from anywhere, and a screenshot is kept as a test artifact in {@code target/report-test/}.
 * Skipped only when no Chromium is found.
 */
class ReportPageBrowserTest {

    static final Path WORK = Path.of("target", "report-test").toAbsolutePath();
    static final List<String> TARGETS = List.of("vocals", "drums", "bass", "other");
    static HeadlessChromium chromium;

    @BeforeAll
    static void browser() throws IOException {
        chromium = HeadlessChromium.find();
        assumeTrue(chromium != null, "Chromium not found on the PATH (chromium, chromium-browser, google-chrome) "
                + "or in $CHROMIUM: install the Debian package 'chromium' (.ci/run does) to run the report page test");
        Files.createDirectories(WORK);
    }

    /** Three runs of 10 tracks, one failed track, one missing track, one note. */
    static Comparison comparison() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<RunScores> runs = new ArrayList<>();
        String[] labels = {"raw", "em1", "em2-softmask"};
        for (int r = 0; r < labels.length; r++) {
            List<TrackSummary> rows = new ArrayList<>();
            for (int k = 1; k <= 10; k++) {
                String track = String.format("Artist %d - Song <%d>", k, k);
                if (r == 1 && k == 3) {
                    rows.add(TrackSummary.failed(labels[r], track, track + "/vocals.wav: truncated data chunk"));
                    continue;
                }
                if (r == 2 && k == 10) {
                    continue;
                }
                for (int t = 0; t < TARGETS.size(); t++) {
                    double base = 2 + 2 * t + r * 1.2 + 2 * rnd.nextDouble();
                    double[] v = {base, base + 6, base + 9, base + 4, r == 0 ? base - 0.3 : Double.NaN};
                    rows.add(new TrackSummary(labels[r], track, TARGETS.get(t), v, 200, TrackSummary.OK,
                            r == 0 && k == 1 && t == 2 ? "estimate zero-padded by 300 samples" : ""));
                }
            }
            runs.add(new RunScores(labels[r], "hdfs:///scores/" + labels[r], r == 0 ? RunScores.EVALUATION
                    : RunScores.MUSEVAL, rows));
        }
        return Comparison.of(runs);
    }

    @Test
    void reportPageLoadsWithoutErrorsAndShowsEveryChart() throws Exception {
        Path page = WORK.resolve("report.html");
        Files.writeString(page, ReportPage.render("Comparison of raw, em1, em2-softmask",
                List.of("A test page: three runs, a failed track, a missing one."), comparison()));
        HeadlessChromium.Findings f = chromium.probe(page, WORK);
        assertEquals(List.of(), f.errors(), "errors while loading the page");
        assertEquals(List.of(), f.resources(), "the page fetched resources");
        assertEquals(TARGETS.size(), f.charts().size(), "one chart per target: " + f.charts());
        for (JsonNode c : f.charts()) {
            assertTrue(c.get("complete").asBoolean() && c.get("naturalWidth").asInt() > 0, "not decoded: " + c);
            assertTrue(c.get("width").asDouble() > 100 && c.get("height").asDouble() > 50, "not displayed: " + c);
        }
        Path png = WORK.resolve("report.png");
        chromium.screenshot(page, png, 1200, 3400, WORK);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1200, shot.getWidth());
        assertTrue(distinctColours(shot) > 16, "the screenshot is blank");
        System.out.println("[report test] " + chromium.version(WORK) + "; screenshot " + png);
    }

    @Test
    void theProbeSeesBrokenChartsAndScriptErrors() throws Exception {
        // The checks above can fail: a chart that does not decode and a script error are both seen.
        Path page = WORK.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><title>x</title></head><body>"
                + "<img alt=\"broken\" src=\"data:image/png;base64,AAAA\"><script>undefinedFunction()</script>"
                + "</body></html>");
        HeadlessChromium.Findings f = chromium.probe(page, WORK);
        assertEquals(1, f.charts().size());
        assertEquals(0, f.charts().get(0).get("naturalWidth").asInt());
        assertTrue(f.errors().stream().anyMatch(e -> e.contains("undefinedFunction")), f.errors().toString());
        assertTrue(f.errors().stream().anyMatch(e -> e.startsWith("failed to load")), f.errors().toString());
        assertFalse(f.errors().isEmpty());
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
                if (colours.size() > 64) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }
}
