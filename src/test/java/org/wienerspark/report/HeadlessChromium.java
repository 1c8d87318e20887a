package org.wienerspark.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (the Debian package) driven from its command line: {@code --dump-dom} of a
 * copy of a page with a probe script that records errors (script errors, failed resources,
 * {@code console.error}) and the rendered size of every chart into the DOM after the load event;
 * {@code --screenshot} of the page itself. No browser driver library, no network (the flags turn
 * off Chromium's own background traffic).
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    /** Runs before anything of the page: collects errors; after load, writes the findings as JSON. */
    static final String PROBE = """
            <script>
            window.__probeErrors = [];
            window.addEventListener('error', function (e) {
              window.__probeErrors.push(e.message ? 'script error: ' + e.message
                  : 'failed to load: ' + ((e.target && (e.target.src || e.target.href)) || e.type));
            }, true);
            (function () {
              var original = console.error;
              console.error = function () {
                window.__probeErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
                return original.apply(console, arguments);
              };
            })();
            window.addEventListener('load', function () {
              var charts = Array.prototype.map.call(document.querySelectorAll('img, svg'), function (el) {
                var r = el.getBoundingClientRect();
                return {tag: el.tagName.toLowerCase(), alt: el.getAttribute('alt') || '', width: r.width,
                        height: r.height, naturalWidth: el.naturalWidth === undefined ? -1 : el.naturalWidth,
                        complete: el.complete === undefined ? true : el.complete};
              });
              var resources = performance.getEntriesByType('resource').map(function (e) { return e.name; });
              var pre = document.createElement('pre');
              pre.id = '__probe';
              pre.textContent = JSON.stringify({errors: window.__probeErrors, charts: charts, resources: resources});
              document.body.appendChild(pre);
            });
            </script>
            """;

    private static final Pattern RESULT = Pattern.compile("<pre id=\"__probe\">(.*?)</pre>", Pattern.DOTALL);

    private final String executable;

    private HeadlessChromium(String executable) {
        this.executable = executable;
    }

    /** The browser on the PATH (or $CHROMIUM), or null. */
    static HeadlessChromium find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && new File(env).canExecute()) {
            return new HeadlessChromium(env);
        }
        String path = System.getenv("PATH");
        for (String name : NAMES) {
            for (String d : path == null ? new String[0] : path.split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return new HeadlessChromium(f.getAbsolutePath());
                }
            }
        }
        return null;
    }

    /** What the probe found. */
    record Findings(List<String> errors, List<JsonNode> charts, List<String> resources) {
    }

    String version(Path work) throws IOException, InterruptedException {
        return run(work, List.of("--version")).strip();
    }

    /** Loads a copy of the page with the probe (next to it, so relative paths stay the same). */
    Findings probe(Path page, Path work) throws IOException, InterruptedException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int head = html.indexOf("<head>");
        if (head < 0) {
            throw new IllegalArgumentException(page + ": no <head>");
        }
        String probed = html.substring(0, head + 6) + "\n" + PROBE + html.substring(head + 6);
        Path copy = page.resolveSibling("." + page.getFileName() + ".probe.html");
        Files.writeString(copy, probed, StandardCharsets.UTF_8);
        try {
            String dom = run(work, List.of("--dump-dom", copy.toUri().toString()));
            Matcher m = RESULT.matcher(dom);
            if (!m.find()) {
                throw new AssertionError("the probe wrote no result (did the page load?); DOM: "
                        + dom.substring(0, Math.min(dom.length(), 2000)));
            }
            String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&");
            JsonNode root = new ObjectMapper().readTree(json);
            List<String> errors = new ArrayList<>();
            root.get("errors").forEach(e -> errors.add(e.asText()));
            List<JsonNode> charts = new ArrayList<>();
            root.get("charts").forEach(charts::add);
            List<String> resources = new ArrayList<>();
            root.get("resources").forEach(e -> resources.add(e.asText()));
            return new Findings(errors, charts, resources);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** A PNG screenshot of the page (the unmodified file), {@code width x height} CSS pixels. */
    void screenshot(Path page, Path png, int width, int height, Path work) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(work, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString()));
    }

    private String run(Path work, List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--virtual-time-budget=10000",
                "--user-data-dir=" + profile));
        if (args.equals(List.of("--version"))) {
            cmd = new ArrayList<>(List.of(executable, "--version"));
        } else {
            cmd.addAll(args);
        }
        Path stdout = work.resolve("chromium-stdout.txt");
        Path stderr = work.resolve("chromium-stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": " + cmd + "\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return out;
    }
}
