package fr.clavardage.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started in a JVM of its own (a second node, a standalone host, a servlet container), ready
 * once it prints a line matching its ready pattern. Its errors are echoed with its name, and its whole
 * output is kept so that a test can read the container's log (leak warnings at undeploy, errors at a
 * restart). It is stopped by {@link #close()} (SIGTERM, so shutdown hooks run), forcibly if it does not
 * stop within twenty seconds, or killed outright by {@link #kill()}.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final Process process;
    private final List<String> output;
    private final Thread reader;
    private final CompletableFuture<URL> ready;
    private URL url;

    private ChildJvm(String name, Process process, List<String> output, Thread reader, CompletableFuture<URL> ready) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.reader = reader;
        this.ready = ready;
    }

    /** Starts {@code mainClass} on {@code classpath} and waits (two minutes at most) for {@code ready}'s group 1, a URL. */
    public static ChildJvm start(String name, String classpath, List<String> properties, String mainClass, Pattern ready)
            throws Exception {
        return start(name, classpath, properties, mainClass, List.of(), ready);
    }

    /**
     * As {@link #start(String, String, List, String, Pattern)} with program arguments; {@code ready} may
     * have no group, and {@link #url()} is then {@code null} (the caller knows where it listens).
     */
    public static ChildJvm start(String name, String classpath, List<String> jvmOptions, String mainClass,
                                 List<String> arguments, Pattern ready) throws Exception {
        return launch(name, classpath, jvmOptions, mainClass, arguments, ready).awaitReady();
    }

    /** Starts the JVM without waiting: {@link #awaitReady()} waits (so that two can start side by side). */
    public static ChildJvm launch(String name, String classpath, List<String> jvmOptions, String mainClass,
                                  List<String> arguments, Pattern ready) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath);
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<URL> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    Matcher matcher = ready.matcher(line);
                    if (!url.isDone() && matcher.find()) {
                        url.complete(matcher.groupCount() > 0 ? new URL(matcher.group(1)) : null);
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
        return new ChildJvm(name, process, output, reader, url);
    }

    /** Waits (two minutes at most) until the JVM printed its ready line; kills it if it never does. */
    public ChildJvm awaitReady() throws Exception {
        try {
            url = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not become ready; its output:\n" + String.join("\n", output), e);
        }
    }

    public URL url() {
        return url;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the JVM at once, as a power cut would: SIGKILL, no shutdown hook, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Everything the JVM printed so far (standard output and error, in order). */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Writes one line to the JVM's standard input (a command for a launcher that reads them). */
    public void send(String line) throws IOException {
        var in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits until a line printed after line {@code from} matches {@code pattern}; fails after {@code timeout}. */
    public String awaitOutput(int from, Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = output;
            for (int i = from; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    return lines.get(i);
                }
            }
            if (!process.isAlive() && !lines.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " never printed /" + pattern + "/ within " + timeout + "; its output:\n"
                + String.join("\n", output.subList(Math.min(from, output.size()), output.size())));
    }

    /** Stops the JVM as an administrator would (SIGTERM: the container's shutdown hook stops its webapps). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        // The last lines (what the container logged while it stopped) are read once the pipe closes.
        reader.join(5_000);
    }
}
