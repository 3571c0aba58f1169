package fr.clavardage.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a page script (chat.js, widget.js) well enough to say which {@code api.*} calls each trigger
 * can reach: start-up, the stream opening (the second argument of {@code subscribe}), each
 * {@code setInterval} in {@code start()}, each case group of the event switch, and DOM events that
 * {@code start()} wires to a named function. A call reaches through the page's own functions and
 * those of the modules it imports, and theirs (api.js excepted), but not into event handlers it merely
 * installs ({@code addEventListener}, {@code on…:} properties, {@code .on… =}), which run only when a
 * person acts. The window's components call each other through page.js's {@code hooks}, which chat.js
 * fills with each function under its own name: {@code hooks.name(…)} is read as a call to {@code name}.
 *
 * <p>It is not a JavaScript parser: strings, template literals, comments and regular expressions are
 * blanked first, then brackets are matched. It reads the scripts as they are written in this repository.
 */
final class PageScript {

    private static final Pattern FUNCTION = Pattern.compile("(?:async\\s+)?function\\s*\\*?\\s*([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern TOP_CONST = Pattern.compile("(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=");
    private static final Pattern API_CALL = Pattern.compile("\\bapi\\.(\\w+)\\s*\\(");
    private static final Pattern CALL = Pattern.compile("(?<![.\\w$])([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern IMPORT = Pattern.compile("from\\s+'([^']+\\.js)'");
    private static final Pattern HOOK_CALL = Pattern.compile("(?<![.\\w$])hooks\\.([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern LOCAL_CLOSURE = Pattern.compile(
            "(?:const|let)\\s+([A-Za-z_$][\\w$]*)\\s*=(?=\\s*(?:async\\s*)?(?:\\([^()]*\\)|[A-Za-z_$][\\w$]*)\\s*=>)");
    private static final Pattern CASE = Pattern.compile("\\bcase\\s+'([^']*)'\\s*:|\\bdefault\\s*:");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "function", "return",
            "typeof", "new", "await", "async", "super", "import");

    private final Map<String, String> definitions = new HashMap<>();
    private final Map<String, String> numbers = new HashMap<>();

    private PageScript() {
    }

    /** The trigger → reachable calls table of the page at {@code script}, which the WAR serves from its own folder. */
    static Map<String, Set<String>> read(Path script) throws IOException {
        return read(script, script);
    }

    /** As {@link #read(Path)}, with imports resolved from where the WAR serves the script ({@code servedAs}). */
    static Map<String, Set<String>> read(Path script, Path servedAs) throws IOException {
        PageScript page = new PageScript();
        page.defineImports(script, servedAs, new HashSet<>());
        page.define(clean(Files.readString(script)));
        return page.triggers();
    }

    /** Defines what {@code script} imports, and what those modules import, each module once. */
    private void defineImports(Path script, Path servedAs, Set<Path> seen) throws IOException {
        // Imported modules first, so an importer's own definitions win a name clash.
        Matcher imports = IMPORT.matcher(Files.readString(script));
        while (imports.find()) {
            Path module = servedAs.getParent().resolve(imports.group(1)).normalize();
            if (!module.getFileName().toString().equals("api.js") && Files.isRegularFile(module) && seen.add(module)) {
                defineImports(module, module, seen);
                define(clean(Files.readString(module)));
            }
        }
    }

    private Map<String, Set<String>> triggers() {
        Map<String, Set<String>> table = new TreeMap<>();
        String start = definitions.get("start");
        if (start == null) {
            throw new IllegalStateException("The page has no start()");
        }
        String startUp = start;
        List<String> subscribe = null;
        for (String wired : List.of("subscribe", "setInterval")) {
            int at;
            while ((at = indexOfCall(startUp, wired)) >= 0) {
                int open = startUp.indexOf('(', at);
                int close = matching(startUp, open);
                List<String> args = splitArguments(startUp.substring(open + 1, close));
                if (wired.equals("subscribe")) {
                    subscribe = args;
                } else {
                    String ms = numbers.getOrDefault(args.get(1).trim(), args.get(1).trim());
                    table.put("every " + ms + " ms", reach(asCall(args.get(0))));
                }
                startUp = startUp.substring(0, at) + (wired.equals("subscribe") ? "__stream__()" : "") + startUp.substring(close + 1);
            }
        }
        table.put("start", reach(startUp));
        Matcher dom = Pattern.compile("addEventListener\\(\\s*'(\\w+)'\\s*,\\s*([A-Za-z_$][\\w$]*)\\s*\\)").matcher(start);
        while (dom.find()) {
            table.put("dom " + dom.group(1), reach(dom.group(2) + "()"));
        }
        if (subscribe == null) {
            throw new IllegalStateException("start() does not subscribe to the stream");
        }
        table.put("stream.open", reach(asCall(subscribe.get(1))));
        String onEvent = definitions.get(subscribe.get(0).trim());
        if (onEvent == null) {
            throw new IllegalStateException("No event handler named " + subscribe.get(0));
        }
        table.putAll(eventCases(onEvent));
        return table;
    }

    /** Each group of {@code case 'x': case 'y': …} in the handler's switch, with what its body reaches. */
    private Map<String, Set<String>> eventCases(String handler) {
        int at = handler.indexOf("switch");
        int open = handler.indexOf('{', at);
        String body = handler.substring(open + 1, matching(handler, open));
        Map<String, Set<String>> cases = new TreeMap<>();
        Matcher label = CASE.matcher(body);
        List<String> group = new ArrayList<>();
        int bodyStart = -1;
        List<int[]> ranges = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        while (label.find()) {
            if (depth(body, label.start()) != 0) {
                continue;
            }
            if (bodyStart >= 0 && !body.substring(bodyStart, label.start()).isBlank()) {
                groups.add(group);
                ranges.add(new int[] {bodyStart, label.start()});
                group = new ArrayList<>();
            }
            group.add(label.group(1) == null ? "default" : label.group(1));
            bodyStart = label.end();
        }
        if (bodyStart >= 0) {
            groups.add(group);
            ranges.add(new int[] {bodyStart, body.length()});
        }
        for (int i = 0; i < groups.size(); i++) {
            List<String> labels = new ArrayList<>(groups.get(i));
            labels.remove("default");
            if (!labels.isEmpty()) {
                cases.put("event " + String.join("|", labels), reach(body.substring(ranges.get(i)[0], ranges.get(i)[1])));
            }
        }
        return cases;
    }

    /** The api calls (and the pseudo-calls stream and reload) that {@code code} can make. */
    private Set<String> reach(String code) {
        Set<String> calls = new TreeSet<>();
        collect(code, calls, new HashSet<>());
        return calls;
    }

    private void collect(String code, Set<String> calls, Set<String> visited) {
        // A closure defined here runs only when something calls it: keep it aside under its name.
        Map<String, String> local = new HashMap<>();
        StringBuilder body = new StringBuilder(HOOK_CALL.matcher(stripHandlers(code)).replaceAll("$1("));
        Matcher closure = LOCAL_CLOSURE.matcher(body);
        while (closure.find()) {
            int end = expressionEnd(body, closure.end());
            local.put(closure.group(1), body.substring(closure.end(), end));
            body.replace(closure.end(), end, " null");
            closure = LOCAL_CLOSURE.matcher(body);
        }
        String live = body.toString();
        Matcher api = API_CALL.matcher(live);
        while (api.find()) {
            calls.add(api.group(1));
        }
        if (live.contains("location.reload(")) {
            calls.add(PageModel.RELOAD);
        }
        if (live.contains("__stream__(")) {
            calls.add(PageModel.STREAM);
        }
        Matcher call = CALL.matcher(live);
        while (call.find()) {
            String name = call.group(1);
            if (KEYWORDS.contains(name) || !visited.add(name)) {
                continue;
            }
            String definition = local.containsKey(name) ? local.get(name) : definitions.get(name);
            if (definition != null) {
                collect(definition, calls, visited);
            }
        }
    }

    private static String asCall(String argument) {
        String a = argument.trim();
        return a.matches("[A-Za-z_$][\\w$]*") ? a + "()" : a;
    }

    /** Removes the handlers a piece of code installs without running them. */
    private static String stripHandlers(String code) {
        StringBuilder out = new StringBuilder(code);
        // addEventListener(...): the whole argument list.
        int at;
        int from = 0;
        while ((at = out.indexOf("addEventListener(", from)) >= 0) {
            int open = at + "addEventListener".length();
            int close = matching(out, open);
            out.replace(open + 1, close, "");
            from = open + 1;
        }
        // on…: value  and  .on… = value, up to the end of the expression.
        Matcher property = Pattern.compile("(?<![\\w$])on[a-z]+\\s*:|\\.on[a-z]+\\s*=(?!=)").matcher(out);
        int searchFrom = 0;
        while (property.find(searchFrom)) {
            int end = expressionEnd(out, property.end());
            out.replace(property.end(), end, " null");
            searchFrom = property.end();
            property = property.pattern().matcher(out);
        }
        return out.toString();
    }

    private void define(String code) {
        Matcher f = FUNCTION.matcher(code);
        while (f.find()) {
            int paramsOpen = code.indexOf('(', f.end() - 1);
            int bodyOpen = code.indexOf('{', matching(code, paramsOpen));
            definitions.put(f.group(1), code.substring(bodyOpen + 1, matching(code, bodyOpen)));
        }
        Matcher c = TOP_CONST.matcher(code);
        while (c.find()) {
            if (depth(code, c.start()) != 0) {
                continue;
            }
            String value = code.substring(c.end(), expressionEnd(code, c.end())).trim();
            if (value.matches("\\d+")) {
                numbers.put(c.group(1), value);
            }
            definitions.put(c.group(1), value);
        }
    }

    private static int indexOfCall(String code, String name) {
        Matcher m = Pattern.compile("(?<![.\\w$])" + Pattern.quote(name) + "\\s*\\(").matcher(code);
        return m.find() ? m.start() : -1;
    }

    private static List<String> splitArguments(String args) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int last = 0;
        for (int i = 0; i < args.length(); i++) {
            char ch = args.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(args.substring(last, i));
                last = i + 1;
            }
        }
        parts.add(args.substring(last));
        return parts;
    }

    /** Where an expression starting at {@code from} ends: a top-level comma or semicolon, or an unmatched closer. */
    private static int expressionEnd(CharSequence code, int from) {
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if ((ch == ',' || ch == ';') && depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    private static int matching(CharSequence code, int open) {
        char o = code.charAt(open);
        char c = o == '(' ? ')' : o == '[' ? ']' : '}';
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("Unbalanced " + o + " at " + open);
    }

    private static int depth(String code, int position) {
        int depth = 0;
        for (int i = 0; i < position; i++) {
            char ch = code.charAt(i);
            if (ch == '{' || ch == '(' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ')' || ch == ']') {
                depth--;
            }
        }
        return depth;
    }

    /**
     * The code with comments removed and the insides of strings, template literals and regular
     * expressions blanked, so that brackets can be matched. Quoted words made of letters, digits,
     * dots, dashes and underscores are kept ('post.created'), other characters become '_'.
     */
    static String clean(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char ch = source.charAt(i);
            char next = i + 1 < n ? source.charAt(i + 1) : 0;
            if (ch == '/' && next == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (ch == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (ch == '\'' || ch == '"') {
                int j = i + 1;
                out.append(ch);
                while (j < n && source.charAt(j) != ch) {
                    char c = source.charAt(j);
                    if (c == '\\') {
                        j++;
                        out.append('_');
                    } else {
                        out.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
                    }
                    j++;
                }
                out.append(ch);
                i = j + 1;
            } else if (ch == '`') {
                i = skipTemplate(source, i);
                out.append("``");
            } else if (ch == '/' && startsRegex(out)) {
                int j = i + 1;
                boolean inClass = false;
                while (j < n) {
                    char c = source.charAt(j);
                    if (c == '\\') {
                        j += 2;
                        continue;
                    }
                    if (c == '[') {
                        inClass = true;
                    } else if (c == ']') {
                        inClass = false;
                    } else if (c == '/' && !inClass) {
                        break;
                    }
                    j++;
                }
                i = j + 1;
                while (i < n && Character.isLetter(source.charAt(i))) {
                    i++;
                }
                out.append("/re/");
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** The index after a template literal that starts at {@code start}, skipping nested ${…} code. */
    private static int skipTemplate(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                return i + 1;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int depth = 1;
                i += 2;
                while (i < s.length() && depth > 0) {
                    char d = s.charAt(i);
                    if (d == '`') {
                        i = skipTemplate(s, i);
                        continue;
                    }
                    if (d == '\'' || d == '"') {
                        int end = s.indexOf(d, i + 1);
                        i = end < 0 ? s.length() : end + 1;
                        continue;
                    }
                    if (d == '{') {
                        depth++;
                    } else if (d == '}') {
                        depth--;
                    }
                    i++;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    /** A slash starts a regular expression where an operand is expected, not after one. */
    private static boolean startsRegex(CharSequence before) {
        int k = before.length() - 1;
        while (k >= 0 && Character.isWhitespace(before.charAt(k))) {
            k--;
        }
        if (k < 0) {
            return true;
        }
        char p = before.charAt(k);
        if ("(,=:[!&|?{};+-*%<>~^".indexOf(p) >= 0) {
            return true;
        }
        int end = k + 1;
        while (k >= 0 && Character.isLetter(before.charAt(k))) {
            k--;
        }
        String word = before.subSequence(k + 1, end).toString();
        return word.equals("return") || word.equals("typeof") || word.equals("case");
    }

    /** api.js: each function's method and path, with {} for interpolated parts, up to the query. */
    static Map<String, String> apiCatalog(Path apiJs) throws IOException {
        String source = Files.readString(apiJs);
        Map<String, String> catalog = new TreeMap<>();
        Matcher entry = Pattern.compile("(\\w+):\\s*\\([^)]*\\)\\s*=>\\s*call\\(\\s*'(\\w+)'\\s*,\\s*([`'])").matcher(source);
        while (entry.find()) {
            int start = entry.end() - 1;
            String literal = entry.group(3).equals("'")
                    ? source.substring(start + 1, source.indexOf('\'', start + 1))
                    : templatePath(source.substring(start, skipTemplate(source, start)));
            int query = literal.indexOf('?');
            catalog.put(entry.group(1), entry.group(2) + " " + (query < 0 ? literal : literal.substring(0, query)));
        }
        return catalog;
    }

    private static String templatePath(String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < template.length() - 1; i++) {
            if (template.charAt(i) == '$' && template.charAt(i + 1) == '{') {
                int depth = 1;
                i += 2;
                while (depth > 0) {
                    char c = template.charAt(i);
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth--;
                    }
                    i++;
                }
                i--;
                out.append("{}");
            } else {
                out.append(template.charAt(i));
            }
        }
        return out.toString();
    }
}
