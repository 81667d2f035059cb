package io.dataos.upgrade.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, as a test's real browser: a screenshot, the DOM after
 * the page's scripts ran, and a print to PDF, each a separate process with its own profile folder.
 */
final class HeadlessChromium {

    private final Path executable;
    private final Path profile;

    private HeadlessChromium(Path executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** Chromium from the PATH ({@code chromium}, {@code chromium-browser}), or empty when it is not installed. */
    static Optional<HeadlessChromium> find(Path profile) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate, profile));
                }
            }
        }
        return Optional.empty();
    }

    /** Writes a PNG of {@code page} as a window of {@code width} × {@code height} shows it. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png),
                page);
    }

    /** The DOM of {@code page} in a window {@code width} wide, after its scripts ran. */
    String dom(Path page, int width, int height) throws IOException, InterruptedException {
        return run(List.of("--window-size=" + width + "," + height, "--virtual-time-budget=3000", "--dump-dom"),
                page);
    }

    /** Prints {@code page} to a PDF, as the browser's print dialog would on its default paper. */
    void printToPdf(Path page, Path pdf) throws IOException, InterruptedException {
        run(List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf), page);
    }

    private String run(List<String> options, Path page) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile));
        argv.addAll(options);
        argv.add(page.toUri().toString());
        Path err = Files.createTempFile(profile, "chromium", ".err");
        Process process = new ProcessBuilder(argv).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s: " + argv);
        }
        if (process.exitValue() != 0) {
            throw new IOException("chromium exited " + process.exitValue() + ": " + Files.readString(err));
        }
        return out;
    }
}
