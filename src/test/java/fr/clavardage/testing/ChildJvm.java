package fr.clavardage.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started in a JVM of its own (a second node, a standalone host), ready once it prints the
 * URL it serves. Its errors are echoed with its name, and all its output is kept in
 * {@code target/child-jvm-logs}; it is stopped by {@link #close()}, forcibly if it does not stop
 * within ten seconds, or killed outright by {@link #kill()}.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final URL url;

    private ChildJvm(Process process, URL url) {
        this.process = process;
        this.url = url;
    }

    /** Starts {@code mainClass} on {@code classpath} and waits (two minutes at most) for {@code ready}'s group 1. */
    public static ChildJvm start(String name, String classpath, List<String> properties, String mainClass, Pattern ready)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath);
        command.addAll(properties);
        command.add(mainClass);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Everything it prints, for the post-mortem of a failed run (the console only shows errors).
        Path logFile = Files.createDirectories(Path.of("target", "child-jvm-logs"))
                .resolve(name + "-" + process.pid() + ".log");
        CompletableFuture<URL> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile,
                         StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                         StandardOpenOption.APPEND), true)) {
                String line;
                while ((line = out.readLine()) != null) {
                    log.println(LocalTime.now() + " " + line);
                    Matcher matcher = ready.matcher(line);
                    if (matcher.find()) {
                        url.complete(new URL(matcher.group(1)));
                    }
                    if (line.contains("SEVERE") || line.contains("Failed startup") || line.contains("Exception")) {
                        System.err.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException(name + " exited before it was ready"));
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildJvm(process, url.get(2, TimeUnit.MINUTES));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public URL url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the JVM at once, as a power cut would: SIGKILL, no shutdown hook, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
