package fr.clavardage.host.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.clavardage.host.PermissionChecker;
import fr.clavardage.host.sql.SqlUserDirectory;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo ERP's pages: the login picker, the shell (menu bar and home desktop) and the session
 * document the shell builds its menus from. It uses only the module's descriptor and the host SPI.
 */
@WebServlet(urlPatterns = {"", "/demo/*"})
public class DemoHostServlet extends HttpServlet {

    private static final String DESCRIPTOR = "/META-INF/module-descriptor.xml";
    /** The host's pages, not the module's: they frame the module's pages, so they set their own policy. */
    private static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";
    private static final Map<String, String> ASSETS = Map.of(
            "/shell.js", "text/javascript", "/shell.css", "text/css", "/login.css", "text/css",
            "/desktop.js", "text/javascript");

    private DemoUsers users;
    private PermissionChecker permissions;

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Looked up rather than injected: not every servlet container decorates servlets with CDI
     * injection (Jetty needs an extra listener for it), and this servlet must work in all of them.
     */
    @Override
    public void init() {
        var cdi = CDI.current();
        users = cdi.select(DemoUsers.class).get();
        permissions = cdi.select(PermissionChecker.class).get();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (request.getServletPath().isEmpty() && path.equals("/")) {
            response.sendRedirect(request.getContextPath() + "/demo/");
            return;
        }
        String userId = currentUser(request);
        switch (path) {
            case "", "/" -> {
                if (userId == null) {
                    response.sendRedirect(request.getContextPath() + "/demo/login");
                } else {
                    serve(response, "shell.html", "text/html");
                }
            }
            case "/login" -> {
                // The page sets its charset: ask for the writer only afterwards, or it stays ISO-8859-1.
                String page = loginPage(request, response);
                response.getWriter().write(page);
            }
            case "/session" -> session(request, response, userId);
            case "/layout" -> {
                if (userId == null) {
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                } else {
                    response.setContentType("application/json");
                    response.setHeader("Cache-Control", "no-store");
                    response.getWriter().write(users.layout(userId));
                }
            }
            default -> {
                String type = ASSETS.get(path);
                if (type == null) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                } else {
                    serve(response, path.substring(1), type);
                }
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/login" -> {
                var user = users.byColumn("login", request.getParameter("login")).filter(u -> u.user().active());
                if (user.isEmpty()) {
                    response.sendRedirect(request.getContextPath() + "/demo/login?unknown");
                    return;
                }
                HttpSession session = request.getSession(true);
                // A fresh session id at sign-in, so a planted one cannot be reused.
                request.changeSessionId();
                session.setAttribute(DemoHost.SESSION_USER, user.get().user().id());
                response.sendRedirect(request.getContextPath() + "/demo/");
            }
            case "/layout" -> saveLayout(request, response);
            case "/logout" -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect(request.getContextPath() + "/demo/login");
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** Stores the desktop as the shell sends it, after checking it is a list of widget boxes. */
    private void saveLayout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userId = currentUser(request);
        if (userId == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(100_001);
        com.fasterxml.jackson.databind.JsonNode layout;
        try {
            layout = body.length > 100_000 ? null : json.readTree(body);
        } catch (IOException e) {
            layout = null;
        }
        if (layout == null || !layout.isArray() || layout.size() > 50) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        for (var box : layout) {
            if (!box.path("widget").isTextual() || !box.path("x").isNumber() || !box.path("y").isNumber()
                    || !box.path("width").isNumber() || !box.path("height").isNumber()) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
        }
        users.saveLayout(userId, json.writeValueAsString(layout));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static String currentUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(DemoHost.SESSION_USER) instanceof String id ? id : null;
    }

    /** What the shell needs: who is signed in, and the menus and widgets their permissions reveal. */
    private void session(HttpServletRequest request, HttpServletResponse response, String userId) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        var user = userId == null ? Optional.<SqlUserDirectory.Row>empty()
                : users.byColumn("id", userId).filter(u -> u.user().active());
        if (user.isEmpty()) {
            response.setStatus(401);
            json.writeValue(response.getOutputStream(), Map.of("error", "unauthenticated", "message", "Sign in first."));
            return;
        }
        ModuleDescriptor descriptor;
        try (InputStream in = getServletContext().getResourceAsStream(DESCRIPTOR)) {
            descriptor = ModuleDescriptor.read(in);
        }
        String mount = request.getContextPath() + "/";
        Map<String, Object> body = new LinkedHashMap<>();
        SqlUserDirectory.Row signedIn = user.get();
        body.put("user", Map.of("id", signedIn.user().id(), "login", signedIn.user().login(),
                "fullName", signedIn.user().fullName(), "admin", signedIn.admin()));
        body.put("module", Map.of("id", descriptor.id(), "version", descriptor.version(), "mount", mount));
        body.put("menus", allowed(descriptor.menus(), userId, mount));
        body.put("widgets", allowed(descriptor.widgets(), userId, mount));
        json.writeValue(response.getOutputStream(), body);
    }

    private List<Map<String, Object>> allowed(List<ModuleDescriptor.Entry> entries, String userId, String mount) {
        return entries.stream()
                .filter(e -> e.permission().isEmpty() || permissions.hasPermission(userId, e.permission()))
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", e.id());
                    m.put("parent", e.parent());
                    m.put("order", e.order());
                    m.put("url", mount + e.entry());
                    m.put("labels", e.labels());
                    m.put("width", e.width());
                    m.put("height", e.height());
                    m.put("minWidth", e.minWidth());
                    m.put("minHeight", e.minHeight());
                    return m;
                }).toList();
    }

    private String loginPage(HttpServletRequest request, HttpServletResponse response) {
        response.setContentType("text/html;charset=UTF-8");
        StringBuilder buttons = new StringBuilder();
        for (var u : users.rows()) {
            if (!u.user().active()) {
                continue;
            }
            buttons.append("<li><button type=\"submit\" name=\"login\" value=\"").append(html(u.user().login()))
                    .append("\"><strong>").append(html(u.user().fullName())).append("</strong><span>")
                    .append(html(u.user().login()))
                    .append(u.admin() ? " · administrateur" : "")
                    .append(u.canChat() ? "" : " · sans accès au clavardage")
                    .append("</span></button></li>");
        }
        String unknown = request.getParameter("unknown") != null
                ? "<p class=\"error\" role=\"alert\">Utilisateur inconnu.</p>" : "";
        return """
                <!doctype html>
                <html lang="fr"><head><meta charset="utf-8"><title>ERP démo — connexion</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="%1$s/demo/login.css"></head>
                <body><main><h1>ERP démo</h1><p>Choisissez l'utilisateur sous lequel entrer.</p>%2$s
                <form method="post" action="%1$s/demo/login"><ul class="users">%3$s</ul></form></main></body></html>
                """.formatted(request.getContextPath(), unknown, buttons);
    }

    /** A page of the demo's own, from this jar (never from the module's WAR). */
    private void serve(HttpServletResponse response, String page, String type) throws IOException {
        try (InputStream in = DemoHostServlet.class.getResourceAsStream("pages/" + page)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(type + ";charset=UTF-8");
            in.transferTo(response.getOutputStream());
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
