package fr.clavardage.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The load tool's page mode must make the requests the shipped pages make. This reads chat.js and
 * widget.js and fails, printing what it read, when their calls per trigger differ from
 * {@link PageModel}: after changing a page, edit PageModel's table (and PageMode if a new api.js call
 * appears).
 */
class PageModelTest {

    private static final Path APP = Path.of("src/main/webapp/app");

    @Test
    void theWindowModelMatchesChatJs() throws Exception {
        Path chat = APP.resolve("chat.js");
        assertModelMatches(PageModel.WINDOW, chat, chat);
    }

    @Test
    void theWidgetModelMatchesWidgetJs() throws Exception {
        // The WAR serves widget/ beside app/, so its imports (../app/…) resolve from there.
        assertModelMatches(PageModel.WIDGET, Path.of("widget/widget.js"), Path.of("src/main/webapp/widget/widget.js"));
    }

    @Test
    void theToolCallsTheApiAsApiJsDoes() throws Exception {
        Map<String, String> catalog = PageScript.apiCatalog(APP.resolve("api.js"));
        for (Map.Entry<String, String> call : PageModel.API.entrySet()) {
            assertThat(catalog.get(call.getKey()))
                    .as("api.%s in api.js (the tool makes %s)", call.getKey(), call.getValue())
                    .isEqualTo(call.getValue());
        }
    }

    /**
     * The pages subscribe before they read their lists (so an opening needs no second read) and wait
     * for the opening as long as the tool does; the model opens the stream right after the session.
     */
    @Test
    void thePagesOpenTheStreamBeforeReadingTheirListsAsTheModelDoes() throws Exception {
        java.util.regex.Matcher wait = java.util.regex.Pattern.compile("export const STREAM_WAIT_MS = (\\d+);")
                .matcher(java.nio.file.Files.readString(APP.resolve("stream.js")));
        assertThat(wait.find()).as("stream.js exports STREAM_WAIT_MS").isTrue();
        assertThat(Integer.parseInt(wait.group(1))).isEqualTo(PageModel.STREAM_WAIT_MS);
        Map<String, Map.Entry<Path, String>> pages = Map.of(
                PageModel.WINDOW, Map.entry(APP.resolve("chat.js"), "refreshChannels("),
                PageModel.WIDGET, Map.entry(Path.of("widget/widget.js"), "loadChannels("));
        pages.forEach((page, script) -> {
            String source = readUnchecked(script.getKey());
            String start = source.substring(source.indexOf("async function start()"));
            assertThat(start.indexOf("subscribe(")).as("%s subscribes before it reads its channels", page)
                    .isBetween(0, start.indexOf(script.getValue()));
            assertThat(PageModel.reaction(page, "start").calls().stream().map(PageModel.Call::api).toList())
                    .as("the %s model's start", page).startsWith("session", PageModel.STREAM);
        });
    }

    private static String readUnchecked(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The reader sees through debounce, promise chains and nested templates, and not into handlers. */
    @Test
    void theReaderFollowsCallsButNotInstalledHandlers() throws Exception {
        Path script = java.nio.file.Files.createTempFile("page", ".js");
        java.nio.file.Files.writeString(script, """
                const EVERY = 5000;
                const soon = debounce(() => refresh(true), 150);
                function debounce(fn, ms) { let t; return () => { clearTimeout(t); t = setTimeout(() => fn(), ms); }; }
                async function refresh(bg) { const list = await api.channels(bg); draw(list); }
                function draw(list) { el('b', { onclick: () => api.deletePost(1) }); node.onkeydown = () => api.send(1, `a ${x('}')}`); }
                function onEvent(event) {
                  switch (event.type) {
                    case 'a': case 'b': soon(); break; // a comment with api.users(
                    case 'c': if (/[/(]/.test(event.x)) location.reload(); break;
                    default: api.emoji();
                  }
                }
                async function start() {
                  await api.session();
                  document.addEventListener('click', () => api.typing(1));
                  subscribe(onEvent, () => refresh(true).then(() => api.posts(1)));
                  setInterval(() => api.users(true), EVERY);
                  document.addEventListener('visibilitychange', refresh);
                }
                """);
        Map<String, Set<String>> table = PageScript.read(script);
        assertThat(table).containsExactlyInAnyOrderEntriesOf(Map.of(
                "start", Set.of("session", "stream"),
                "stream.open", Set.of("channels", "posts"),
                "every 5000 ms", Set.of("users"),
                "dom visibilitychange", Set.of("channels"),
                "event a|b", Set.of("channels"),
                "event c", Set.of("reload")));
    }

    /** The reader sees into the modules a page imports and what those import, and through page.js's hooks. */
    @Test
    void theReaderFollowsImportsOfImportsAndHooks() throws Exception {
        Path folder = java.nio.file.Files.createTempDirectory("page");
        java.nio.file.Files.writeString(folder.resolve("part.js"), """
                import { deeper } from './deep.js';
                export async function refresh() { await api.channels(); deeper(); }
                """);
        java.nio.file.Files.writeString(folder.resolve("deep.js"), """
                export function deeper() { api.users({ ids: [1] }); }
                """);
        Path script = folder.resolve("page.js");
        java.nio.file.Files.writeString(script, """
                import { api } from './api.js';
                import { hooks } from './page-hooks.js';
                import { refresh } from './part.js';
                function onEvent(event) {
                  switch (event.type) {
                    case 'a': hooks.refresh(); break;
                  }
                }
                async function start() {
                  await api.session();
                  Object.assign(hooks, { refresh });
                  subscribe(onEvent, () => api.posts(1));
                }
                """);
        assertThat(PageScript.read(script)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "start", Set.of("session", "stream"),
                "stream.open", Set.of("posts"),
                "event a", Set.of("channels", "users")));
    }

    private static void assertModelMatches(String page, Path script, Path servedAs) throws Exception {
        Map<String, Set<String>> read = new java.util.TreeMap<>(PageScript.read(script, servedAs));
        read.values().removeIf(Set::isEmpty);
        Map<String, Set<String>> model = PageModel.fingerprint(page);
        assertThat(model)
                .as("PageModel's %s rows no longer match %s. The script now reads:%n%s%n", page, script, print(read))
                .isEqualTo(read);
    }

    private static String print(Map<String, Set<String>> table) {
        return table.entrySet().stream()
                .map(e -> String.format("  %-70s %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
