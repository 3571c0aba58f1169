package fr.clavardage.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.Browser;
import fr.clavardage.testing.BrowserAvailable;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OwnDeployment;
import fr.clavardage.testing.Screenshots;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The chat window in a real browser against the demo host: what a person does with it, clicked and
 * typed. Runs on H2 only: the database adds nothing here that the API tests do not cover.
 */
@Tag("h2-only")
@OwnDeployment("the screenshot for the docs shows only what this class did")
@ExtendWith(BrowserAvailable.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatWindowIT {

    private static Browser alice;
    private static Browser bruno;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.withDemoHost("browser");
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void signIn() throws IOException {
        if (alice == null) {
            alice = Browser.signedInAs(base, "alice");
            bruno = Browser.signedInAs(base, "bruno");
        }
        alice.openChat();
    }

    @AfterAll
    static void closeBrowsers() {
        if (alice != null) {
            alice.close();
            bruno.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 6);
    }

    private static WebElement channelItem(Browser browser, String displayName) {
        return browser.waitFor().until(d -> d.findElements(By.cssSelector(".channel")).stream()
                .filter(c -> c.findElement(By.cssSelector(".name")).getText().equals(displayName))
                .findFirst().orElse(null));
    }

    /** Clicks inside a channel's entry; the list re-renders as events arrive, so look it up afresh. */
    private static void clickInChannel(Browser browser, String displayName, String css) {
        browser.waitFor().until(d -> {
            channelItem(browser, displayName).findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private static void createChannel(Browser browser, String name, String color) {
        browser.find("#new-channel").click();
        WebElement dialog = browser.find("#channel-dialog");
        dialog.findElement(By.name("displayName")).sendKeys(name);
        WebElement hex = dialog.findElement(By.name("color"));
        hex.clear();
        hex.sendKeys(color, Keys.TAB);
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        browser.waitFor().until(ExpectedConditions.invisibilityOf(dialog));
        browser.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(name));
    }

    private static void send(Browser browser, String text) {
        WebElement input = browser.find("#message-input");
        for (String line : text.split("\n", -1)) {
            input.sendKeys(line);
            input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
        }
        input.sendKeys(Keys.ENTER);
        browser.waitFor().until(d -> input.getAttribute("value").isEmpty());
    }

    private static WebElement lastMessage(Browser browser) {
        List<WebElement> messages = browser.driver.findElements(By.cssSelector("#messages .message"));
        return messages.get(messages.size() - 1);
    }

    @Test
    void createsRenamesAndRecolorsAChannel() {
        String name = unique("Machine à café");
        createChannel(alice, name, "#A0522D");
        alice.waitFor().until(d -> channelItem(alice, name).getAttribute("style").contains("#A0522D"));
        clickInChannel(alice, name, ".edit-arrow");
        WebElement dialog = alice.find("#channel-dialog");
        WebElement displayName = dialog.findElement(By.name("displayName"));
        displayName.clear();
        String renamed = unique("Pause café");
        displayName.sendKeys(renamed);
        dialog.findElement(By.cssSelector(".palette button[data-color='#27AE60']")).click();
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        alice.waitFor().until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(channelItem(alice, renamed).getAttribute("style")).contains("#27AE60");
    }

    /**
     * The window subscribes before it reads its lists and holds the stream's events meanwhile, so the
     * stream's opening costs no second read of the open channel.
     */
    @Test
    void startingReadsTheOpenChannelOnce() throws InterruptedException {
        alice.waitFor().until(d -> "live".equals(d.findElement(By.tagName("body")).getAttribute("data-connection")));
        // A second read would follow the opening at once: a second is ample for it to show.
        Thread.sleep(1_000);
        Object reads = js(alice, "return performance.getEntriesByType('resource')"
                + ".filter((e) => /\\/api\\/v1\\/channels\\/[^/]+\\/posts/.test(e.name)).length;");
        assertThat(((Number) reads).intValue()).isEqualTo(1);
    }

    @Test
    void plainMembersAreToldTheyCannotRenameGeneral() {
        clickInChannel(alice, "Général", ".edit-arrow");
        WebElement dialog = alice.find("#channel-dialog");
        dialog.findElement(By.name("displayName")).sendKeys(" modifié");
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        WebElement error = alice.find("#channel-dialog .dialog-error");
        assertThat(error.getText()).contains("administrateurs");
        dialog.findElement(By.cssSelector("button[value='cancel']")).click();
    }

    @Test
    void rendersMarkdownAndShortcodes() {
        String name = unique("Markdown");
        createChannel(alice, name, "#9B51E0");
        send(alice, "**gras** *italique* ~~barré~~ `code` :smile:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n[lien](https://exemple.fr)");
        WebElement body = alice.waitFor().until(d -> lastMessage(alice).findElement(By.cssSelector(".body")));
        assertThat(body.findElement(By.tagName("strong")).getText()).isEqualTo("gras");
        assertThat(body.findElement(By.tagName("em")).getText()).isEqualTo("italique");
        assertThat(body.findElement(By.tagName("del")).getText()).isEqualTo("barré");
        assertThat(body.findElement(By.tagName("code")).getText()).isEqualTo("code");
        assertThat(body.findElements(By.cssSelector("table td"))).hasSize(2);
        assertThat(body.findElements(By.tagName("hr"))).hasSize(1);
        assertThat(body.getText()).contains("😄");
        WebElement link = body.findElement(By.tagName("a"));
        assertThat(link.getAttribute("href")).isEqualTo("https://exemple.fr/");
        assertThat(link.getAttribute("rel")).contains("noopener");
    }

    @Test
    void emojiAutocompleteAndPicker() {
        alice.find("#message-input").sendKeys("Salut :thu");
        WebElement suggestion = alice.find("#emoji-suggestions li");
        assertThat(suggestion.getText()).contains(":thu");
        alice.find("#message-input").sendKeys(Keys.TAB);
        assertThat(alice.find("#message-input").getAttribute("value")).startsWith("Salut ").doesNotContain(":thu");

        alice.find("#emoji-button").click();
        alice.find("#emoji-picker .grid button").click();
        assertThat(alice.find("#message-input").getAttribute("value").length()).isGreaterThan("Salut 👍 ".length());
        alice.find("#message-input").clear();
    }

    @Test
    void starAppearsForTheOtherUserAndGoesWhenTheyRead() {
        String name = unique("Service marketing");
        createChannel(alice, name, "#EB5757");
        long id = Long.parseLong(channelItem(alice, name).getAttribute("data-channel-id"));
        Api.as(base, "alice").post("api/v1/channels/" + id + "/members", Map.of("userId", "u-bruno"));
        send(alice, "Nouvelle campagne");

        bruno.openChat();
        bruno.waitFor().until(d -> channelItem(bruno, name).findElements(By.cssSelector(".star")).size() == 1
                && channelItem(bruno, name).getAttribute("class").contains("unread"));
        clickInChannel(bruno, name, ".open");
        bruno.waitFor().until(d -> channelItem(bruno, name).findElements(By.cssSelector(".star")).isEmpty());
        bruno.navigate().refresh();
        bruno.waitUntilReady();
        assertThat(channelItem(bruno, name).findElements(By.cssSelector(".star"))).isEmpty();
        // Alice never had one: her own post is not news to her.
        assertThat(channelItem(alice, name).findElements(By.cssSelector(".star"))).isEmpty();
    }

    /** Live means well before the page's safety poll (a minute): a few seconds at most. */
    private static org.openqa.selenium.support.ui.WebDriverWait live(Browser browser) {
        org.openqa.selenium.support.ui.WebDriverWait wait =
                new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(5));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** A public channel of Alice's, created through the API, with Bruno in it. */
    private long channelWithBruno(String displayName) {
        Api aliceApi = Api.as(base, "alice");
        long id = aliceApi.post("api/v1/channels", Map.of("displayName", displayName,
                "name", "c-" + UUID.randomUUID().toString().substring(0, 8))).json().get("id").asLong();
        aliceApi.post("api/v1/channels/" + id + "/members", Map.of("userId", "u-bruno"));
        return id;
    }

    private static boolean starred(Browser browser, String name) {
        return !channelItem(browser, name).findElements(By.cssSelector(".star")).isEmpty();
    }

    @Test
    void starAppearsLiveAndClearsInEveryTab() {
        String name = unique("En direct");
        Api aliceApi = Api.as(base, "alice");
        long id = channelWithBruno(name);

        bruno.openChat();
        String firstTab = bruno.driver.getWindowHandle();
        bruno.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        bruno.openChat();
        String secondTab = bruno.driver.getWindowHandle();
        channelItem(bruno, name);
        try {
            aliceApi.post("api/v1/channels/" + id + "/posts", Map.of("message", "Coucou en direct"));
            live(bruno).until(d -> starred(bruno, name));
            bruno.driver.switchTo().window(firstTab);
            live(bruno).until(d -> starred(bruno, name));

            // Typing shows live too, in the channel being looked at.
            clickInChannel(bruno, name, ".open");
            live(bruno).until(d -> !starred(bruno, name));
            aliceApi.post("api/v1/channels/" + id + "/typing", "");
            live(bruno).until(d -> d.findElement(By.id("typing")).getText().contains("Alice"));

            bruno.driver.switchTo().window(secondTab);
            live(bruno).until(d -> !starred(bruno, name));
        } finally {
            bruno.driver.switchTo().window(secondTab).close();
            bruno.driver.switchTo().window(firstTab);
        }
    }

    /**
     * Ten tabs of the ERP (chat windows and widgets) stay live together: they share one event stream,
     * where ten streams would exceed the browser's six connections per host and stall the tabs.
     */
    @Test
    void tenTabsStayLive() throws IOException {
        long general = Api.as(base, "chloe").get("api/v1/channels").json().get(0).get("id").asLong();
        java.util.List<String> tabs = new java.util.ArrayList<>();
        try (Browser chloe = Browser.signedInAs(base, "chloe")) {
            for (int i = 0; i < 10; i++) {
                if (i > 0) {
                    chloe.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
                }
                if (i % 2 == 0) {
                    chloe.openChat();
                } else {
                    chloe.open("widget/");
                    chloe.waitUntilReady();
                }
                tabs.add(chloe.driver.getWindowHandle());
            }
            String text = "Pour les dix onglets " + UUID.randomUUID();
            Api.as(base, "david").post("api/v1/channels/" + general + "/posts", Map.of("message", text));
            for (String tab : tabs) {
                chloe.driver.switchTo().window(tab);
                live(chloe).until(d -> d.findElement(By.id("messages")).getText().contains(text));
            }
        }
    }

    @Test
    void renamesAndStatusChangesShowLive() {
        String name = unique("Avant");
        Api aliceApi = Api.as(base, "alice");
        long id = channelWithBruno(name);
        bruno.openChat();
        channelItem(bruno, name);
        String renamed = unique("Après");
        aliceApi.patch("api/v1/channels/" + id, Map.of("displayName", renamed, "color", "#D6338A"));
        live(bruno).until(d -> channelItem(bruno, renamed).getAttribute("style").contains("#D6338A"));

        Api.as(base, "camille").patch("api/v1/users/u-camille", Map.of("status", "dnd"));
        try {
            live(bruno).until(d -> !d.findElements(By.cssSelector(".user[data-user-id='u-camille'] .status.dnd")).isEmpty());
        } finally {
            Api.as(base, "camille").patch("api/v1/users/u-camille", Map.of("status", "online"));
        }
    }

    @Test
    void doubleClickAddsARecipientWhoSeesTheMention() {
        clickInChannel(alice, "Général", ".open");
        WebElement brunoInList = alice.find(".user[data-user-id='u-bruno']");
        new Actions(alice.driver).doubleClick(brunoInList).perform();
        WebElement chip = alice.find("#recipient-chips .chip[data-user-id='u-bruno']");
        assertThat(chip.getText()).contains("Bruno");
        String text = "Réunion " + UUID.randomUUID();
        send(alice, text);
        alice.waitFor().until(d -> lastMessage(alice).getText().contains(text));
        assertThat(lastMessage(alice).findElement(By.cssSelector(".to")).getText()).contains("Bruno");
        assertThat(alice.driver.findElements(By.cssSelector("#recipient-chips .chip"))).isEmpty();

        bruno.openChat();
        clickInChannel(bruno, "Général", ".open");
        WebElement received = bruno.waitFor().until(d -> d.findElements(By.cssSelector("#messages .message")).stream()
                .filter(m -> m.getText().contains(text)).findFirst().orElse(null));
        assertThat(received.getAttribute("class")).contains("mention");
    }

    @Test
    void editsAndDeletesOwnMessage() {
        String name = unique("Édition");
        createChannel(alice, name, "#00A3A3");
        send(alice, "Brouillon");
        WebElement message = alice.waitFor().until(d -> lastMessage(alice));
        message.findElement(By.cssSelector(".menu-button")).click();
        message.findElement(By.cssSelector(".edit-post")).click();
        WebElement area = alice.find(".message.editing textarea");
        area.clear();
        area.sendKeys("Version finale", Keys.ENTER);
        alice.waitFor().until(d -> lastMessage(alice).getText().contains("Version finale"));
        assertThat(lastMessage(alice).findElement(By.cssSelector(".edited")).getText()).isEqualTo("(modifié)");

        lastMessage(alice).findElement(By.cssSelector(".menu-button")).click();
        lastMessage(alice).findElement(By.cssSelector(".delete-post")).click();
        alice.driver.switchTo().alert().accept();
        alice.waitFor().until(d -> d.findElements(By.cssSelector("#messages .message")).isEmpty());
    }

    @Test
    void editsOwnNicknameAndAvatar() throws IOException {
        String name = unique("Portrait");
        createChannel(alice, name, "#27AE60");
        send(alice, "Avant le nouveau portrait");
        WebElement me = alice.find(".user[data-user-id='u-alice']");
        me.findElement(By.cssSelector(".edit-arrow")).click();
        WebElement dialog = alice.find("#user-dialog");
        WebElement nickname = dialog.findElement(By.name("nickname"));
        nickname.clear();
        nickname.sendKeys("Alice la Chatte");
        BufferedImage picture = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        var g = picture.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        File file = File.createTempFile("avatar", ".png");
        file.deleteOnExit();
        ImageIO.write(picture, "png", file);
        dialog.findElement(By.name("avatar")).sendKeys(file.getAbsolutePath());
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        alice.waitFor().until(ExpectedConditions.invisibilityOf(dialog));
        alice.waitFor().until(d -> d.findElement(By.cssSelector(".user[data-user-id='u-alice'] .name")).getText()
                .contains("Alice la Chatte"));
        String src = alice.find(".user[data-user-id='u-alice'] img").getAttribute("src");
        assertThat(src).doesNotEndWith("v=0");
        // Defect 10: messages already on screen take the new name and picture too.
        alice.waitFor().until(d -> lastMessage(alice).findElement(By.cssSelector(".avatar")).getAttribute("src").equals(src)
                && lastMessage(alice).findElement(By.cssSelector(".author")).getText().contains("Alice la Chatte"));
        Object width = ((JavascriptExecutor) alice.driver).executeAsyncScript(
                "const done = arguments[0]; const img = new Image(); img.onload = () => done(img.naturalWidth); img.src = arguments[1];"
                        .replace("arguments[1]", "'" + src + "'"));
        assertThat(((Number) width).intValue()).isEqualTo(256);
    }

    /**
     * A picture above the avatar limit (here above the server's request limit too, like many phone
     * photos) is refused with the limit's own message before anything is sent; sent, it would only get
     * the server's generic "too large" answer.
     */
    @Test
    void aPictureAboveTheLimitIsRefusedWithItsMessageBeforeItIsSent() throws IOException {
        String before = Api.as(base, "alice").get("api/v1/users/u-alice").json().get("avatarUrl").asText();
        File file = File.createTempFile("photo", ".jpg");
        file.deleteOnExit();
        try (RandomAccessFile photo = new RandomAccessFile(file, "rw")) {
            photo.setLength(9L * 1024 * 1024);
        }
        alice.find(".user[data-user-id='u-alice'] .edit-arrow").click();
        WebElement dialog = alice.find("#user-dialog");
        dialog.findElement(By.name("avatar")).sendKeys(file.getAbsolutePath());
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        WebElement error = dialog.findElement(By.cssSelector(".dialog-error"));
        alice.waitFor().until(ExpectedConditions.visibilityOf(error));
        assertThat(error.getText()).contains("5");
        assertThat(dialog.isDisplayed()).as("the dialog stays open to choose another picture").isTrue();
        dialog.findElement(By.cssSelector("button[value='cancel']")).click();
        alice.waitFor().until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(Api.as(base, "alice").get("api/v1/users/u-alice").json().get("avatarUrl").asText())
                .as("nothing was uploaded").isEqualTo(before);
    }

    @Test
    void othersCannotEditSomeoneElsesProfile() {
        assertThat(alice.find(".user[data-user-id='u-bruno']").findElements(By.cssSelector(".edit-arrow"))).isEmpty();
    }

    @Test
    void readingOrderIsAPreferenceThatPersists() {
        String name = unique("Ordre");
        createChannel(alice, name, "#F2994A");
        send(alice, "premier");
        send(alice, "second");
        alice.waitFor().until(d -> d.findElements(By.cssSelector("#messages .message")).size() == 2);
        assertThat(alice.driver.findElements(By.cssSelector("#messages .message")).get(1).getText()).contains("second");

        new Select(alice.find("#reading-order")).selectByValue("newest_top");
        alice.waitFor().until(d -> d.findElements(By.cssSelector("#messages .message")).get(0).getText().contains("second"));
        alice.navigate().refresh();
        alice.waitUntilReady();
        assertThat(new Select(alice.find("#reading-order")).getFirstSelectedOption().getAttribute("value")).isEqualTo("newest_top");
        new Select(alice.find("#reading-order")).selectByValue("newest_bottom");
        alice.waitFor().until(d -> Api.as(base, "alice").get("api/v1/me").json().get("readingOrder").asText().equals("newest_bottom"));
    }

    /**
     * The module's Content-Security-Policy, in the real browser: using the window (a dialog with its
     * palette, Markdown, a picture, the emoji picker) and the widget reports no violation, while an
     * inline script is refused (so the policy is enforced and this log would show a breach), and a page
     * of another origin cannot frame the widget.
     */
    @Test
    void theWindowAndTheWidgetRunUnderTheirPolicyWithoutViolation() throws IOException {
        alice.console(); // reading the log empties it: start from what this test does
        String name = unique("Politique");
        createChannel(alice, name, "#1ABC9C");
        send(alice, "**gras** :smile: ![icône](../app/icon.svg)");
        alice.waitFor().until(d -> !lastMessage(alice).findElements(By.cssSelector(".body img")).isEmpty());
        alice.find("#emoji-button").click();
        alice.find("#emoji-picker .grid button");
        alice.find("#emoji-button").click();
        alice.open("widget/?lang=fr");
        alice.waitUntilReady();
        String used = alice.console();
        assertThat(used).as("console of the window and the widget").doesNotContainIgnoringCase("Content Security Policy")
                .doesNotContain("Refused to");

        JavascriptExecutor js = (JavascriptExecutor) alice.driver;
        js.executeScript("const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.append(s);");
        assertThat(js.executeScript("return window.__inline === undefined")).as("inline script refused").isEqualTo(true);
        assertThat(alice.console()).contains("Content Security Policy");

        // Another site (another port is another origin) cannot frame the widget.
        HttpServer otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("<!doctype html><iframe id='framed' src='" + base + "widget/'></iframe>").getBytes(StandardCharsets.UTF_8);
        otherSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
        try {
            alice.driver.get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/");
            StringBuilder log = new StringBuilder();
            alice.waitFor().until(d -> log.append(alice.console()).toString().contains("frame-ancestors 'self'"));
            alice.driver.switchTo().frame(alice.driver.findElement(By.id("framed")));
            assertThat(js.executeScript("return location.href")).as("blocked frame").asString().startsWith("chrome-error:");
        } finally {
            alice.driver.switchTo().defaultContent();
            otherSite.stop(0);
        }
        alice.openChat();
    }

    @Test
    void noUserTextRunsScript() {
        String name = unique("XSS");
        createChannel(alice, name, "#5D6D7E");
        String[] attacks = {
            "<img src=x onerror=\"window.__xss='img'\">",
            "<script>window.__xss='script'</script>",
            "[clic](javascript:window.__xss='link')",
            "![image](javascript:window.__xss='image')",
            "<a href=\"javascript:window.__xss='a'\">lien</a>",
            "<svg onload=\"window.__xss='svg'\"></svg>",
            "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<div style=\"background:url(javascript:window.__xss='css')\">style</div>",
        };
        for (String attack : attacks) {
            Api.as(base, "alice").post("api/v1/channels/" + channelItem(alice, name).getAttribute("data-channel-id") + "/posts",
                    Map.of("message", attack));
        }
        alice.openChat();
        clickInChannel(alice, name, ".open");
        alice.waitFor().until(d -> d.findElements(By.cssSelector("#messages .message")).size() == attacks.length);
        for (WebElement link : alice.driver.findElements(By.cssSelector("#messages .body a"))) {
            link.click();
        }
        JavascriptExecutor js = (JavascriptExecutor) alice.driver;
        assertThat(js.executeScript("return window.__xss === undefined")).isEqualTo(true);
        // No element that could run or load anything: typed HTML is text, links and images keep safe URLs only.
        Object unsafe = js.executeScript("return [...document.querySelectorAll('#messages .body *')].filter(e =>"
                + " ['SCRIPT', 'IFRAME', 'SVG', 'svg', 'DIV', 'STYLE'].includes(e.tagName) || [...e.attributes].some(a =>"
                + " a.name.startsWith('on') || a.name === 'style' || /^\\s*(javascript|data):/i.test(a.value)))"
                + ".map(e => e.outerHTML)");
        assertThat((List<?>) unsafe).isEmpty();
        // The text was not lost: typed HTML shows as the text it is (no empty bubble), harmlessly.
        String shown = alice.driver.findElement(By.id("messages")).getText();
        assertThat(shown).contains("lien").contains("<script>window.__xss='script'</script>")
                .contains("<div style=");
        assertThat(js.executeScript("return [...document.querySelectorAll('#messages .body')]"
                + ".filter(b => !b.textContent.trim() && !b.querySelector('img')).length")).as("empty bubbles").isEqualTo(0L);
    }

    @Test
    void aFailedSendKeepsTheTextAndOffersARetry() {
        clickInChannel(alice, "Général", ".open");
        ((JavascriptExecutor) alice.driver).executeScript(
                "window.__realFetch = window.fetch; window.fetch = () => Promise.reject(new TypeError('offline'));");
        String text = "Ne pas perdre " + UUID.randomUUID();
        WebElement input = alice.find("#message-input");
        input.sendKeys(text, Keys.ENTER);
        WebElement error = alice.find("#send-error");
        assertThat(error.getText()).contains("pas parti");
        assertThat(input.getAttribute("value")).isEqualTo(text);

        ((JavascriptExecutor) alice.driver).executeScript("window.fetch = window.__realFetch;");
        alice.find("#retry-send").click();
        alice.waitFor().until(d -> input.getAttribute("value").isEmpty());
        alice.waitFor().until(d -> lastMessage(alice).getText().contains(text));
    }

    private static WebElement member(Browser browser, String userId) {
        return browser.find("#member-list li[data-user-id='" + userId + "']");
    }

    /** Defect 1: members are chosen when creating, then listed, added by search, promoted and removed. */
    @Test
    void membersAreChosenAtCreationThenAddedPromotedAndRemoved() {
        String name = unique("Administratif");
        alice.find("#new-channel").click();
        WebElement dialog = alice.find("#channel-dialog");
        dialog.findElement(By.name("displayName")).sendKeys(name);
        dialog.findElement(By.cssSelector("input[name='type'][value='private']")).click();
        dialog.findElement(By.id("create-member-search")).sendKeys("Bruno");
        alice.find("#create-member-suggestions li[data-user-id='u-bruno']").click();
        alice.find("#create-member-chips .chip[data-user-id='u-bruno']");
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        alice.waitFor().until(ExpectedConditions.invisibilityOf(dialog));
        alice.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(name));

        // Bruno has it, live; and can be addressed there at once.
        bruno.openChat();
        channelItem(bruno, name);

        alice.find("#members-button").click();
        // The list is redrawn as membership events arrive: each role is read again until it shows.
        alice.waitFor().until(d -> "admin".equals(member(alice, "u-alice").getAttribute("data-role")));
        alice.waitFor().until(d -> "member".equals(member(alice, "u-bruno").getAttribute("data-role")));
        alice.find("#member-search").sendKeys("Chlo");
        alice.find("#member-suggestions li[data-user-id='u-chloe']").click();
        alice.waitFor().until(d -> "member".equals(member(alice, "u-chloe").getAttribute("data-role")));

        member(alice, "u-bruno").findElement(By.cssSelector(".change-role")).click();
        alice.waitFor().until(d -> "admin".equals(member(alice, "u-bruno").getAttribute("data-role")));
        member(alice, "u-chloe").findElement(By.cssSelector(".remove-member")).click();
        alice.waitFor().until(d -> d.findElements(By.cssSelector("#member-list li[data-user-id='u-chloe']")).isEmpty());

        // The last channel admin cannot step down: the server says why, in French.
        member(alice, "u-bruno").findElement(By.cssSelector(".change-role")).click();
        alice.waitFor().until(d -> "member".equals(member(alice, "u-bruno").getAttribute("data-role")));
        member(alice, "u-alice").findElement(By.cssSelector(".change-role")).click();
        assertThat(alice.find("#members-dialog .dialog-error").getText()).contains("au moins un administrateur");
        alice.find("#members-dialog button[type='submit']").click();

        // A member can address Bruno in the private channel now.
        String text = "Bienvenue " + UUID.randomUUID();
        new Actions(alice.driver).doubleClick(alice.find(".user[data-user-id='u-bruno']")).perform();
        send(alice, text);
        alice.waitFor().until(d -> lastMessage(alice).getText().contains(text));
        assertThat(alice.driver.findElements(By.cssSelector("#send-error:not([hidden])"))).isEmpty();
    }

    private static Object js(Browser browser, String script) {
        return ((JavascriptExecutor) browser.driver).executeScript(script);
    }

    /**
     * Defect 4: a "new messages" line where unread begins, a date over each day, the view anchored
     * while reading older history, and a button that jumps to the newest posts.
     */
    @Test
    void historyStaysAnchoredWithANewMessagesLineDatesAndAJumpToNewest() {
        Api aliceApi = Api.as(base, "alice");
        String name = unique("Historique");
        long id = channelWithBruno(name);
        String posts = "api/v1/channels/" + id + "/posts";
        Api brunoApi = Api.as(base, "bruno");
        for (int i = 1; i <= 30; i++) {
            brunoApi.post(posts, Map.of("message", "Déjà lu " + i + "\n\nune ligne de plus pour remplir"));
        }
        aliceApi.post(posts, Map.of("message", "Première nouveauté"));
        aliceApi.post(posts, Map.of("message", "Deuxième nouveauté"));

        bruno.openChat();
        clickInChannel(bruno, name, ".open");
        WebElement line = bruno.find("#messages .new-line");
        WebElement afterLine = line.findElement(By.xpath("following-sibling::*[1]"));
        assertThat(afterLine.getText()).contains("Première nouveauté");
        String today = (String) js(bruno, "return new Date().toLocaleDateString('fr-FR', "
                + "{weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'})");
        assertThat(bruno.find("#messages .day-separator").getText()).isEqualTo(today);

        // Read older history: the top of the list, then new posts arrive at the bottom.
        js(bruno, "document.getElementById('messages').scrollTop = 0");
        WebElement anchor = bruno.driver.findElements(By.cssSelector("#messages .message")).get(0);
        long before = ((Number) js(bruno, "return document.querySelector('#messages .message').getBoundingClientRect().top")).longValue();
        for (int i = 1; i <= 3; i++) {
            aliceApi.post(posts, Map.of("message", "Pendant la lecture " + i));
        }
        live(bruno).until(d -> d.findElements(By.cssSelector("#messages .message")).stream()
                .anyMatch(m -> m.getText().contains("Pendant la lecture 3")));
        WebElement jump = bruno.find("#jump-newest");
        assertThat(jump.getText()).startsWith("3 ");
        long after = ((Number) js(bruno, "return document.querySelector('#messages .message').getBoundingClientRect().top")).longValue();
        assertThat(after).as("the message being read did not move").isBetween(before - 2, before + 2);
        assertThat(anchor.getText()).contains("Déjà lu 1");

        jump.click();
        bruno.waitFor().until(d -> (Boolean) js(bruno, "const b = document.getElementById('messages'); "
                + "return b.scrollHeight - b.scrollTop - b.clientHeight < 40"));
        bruno.waitFor().until(ExpectedConditions.invisibilityOf(jump));
    }

    /** One's own status is set from the window and shown live to others; one's picture can be removed. */
    @Test
    void setsOwnStatusAndRemovesThePicture() {
        bruno.openChat();
        String before = alice.find(".user[data-user-id='u-alice'] img").getAttribute("src");
        alice.find(".user[data-user-id='u-alice'] .edit-arrow").click();
        WebElement dialog = alice.find("#user-dialog");
        new Select(dialog.findElement(By.name("status"))).selectByValue("dnd");
        dialog.findElement(By.id("remove-avatar")).click();
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        alice.waitFor().until(ExpectedConditions.invisibilityOf(dialog));
        try {
            live(bruno).until(d -> !d.findElements(By.cssSelector(".user[data-user-id='u-alice'] .status.dnd")).isEmpty());
            alice.waitFor().until(d -> !d.findElement(By.cssSelector(".user[data-user-id='u-alice'] img")).getAttribute("src").equals(before));
            assertThat(Api.as(base, "alice").get("api/v1/users/u-alice").json().get("manualStatus").asText()).isEqualTo("dnd");
        } finally {
            Api.as(base, "alice").patch("api/v1/users/u-alice", Map.of("status", ""));
        }
    }

    /** Opted in, one addressed while reading another channel gets a desktop notification (the browser's Notification). */
    @Test
    void anAddressedUserWhoOptedInGetsADesktopNotification() {
        String name = unique("Notifié");
        long id = channelWithBruno(name);
        bruno.driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("notifications")));
        bruno.openChat();
        bruno.find(".user[data-user-id='u-bruno'] .edit-arrow").click();
        WebElement dialog = bruno.find("#user-dialog");
        dialog.findElement(By.name("notify")).click();
        dialog.findElement(By.cssSelector("button[value='save']")).click();
        bruno.waitFor().until(ExpectedConditions.invisibilityOf(dialog));
        try {
            // Records each notification the page creates, passing it on to the browser's own.
            js(bruno, "const Real = window.Notification; window.__notices = [];"
                    + "window.Notification = class extends Real { constructor(title, options) { super(title, options);"
                    + " window.__notices.push(title + ' | ' + options.body); } };");
            clickInChannel(bruno, "Général", ".open");
            Api aliceApi = Api.as(base, "alice");
            aliceApi.post("api/v1/channels/" + id + "/posts", Map.of("message", "Pas pour toi"));
            aliceApi.post("api/v1/channels/" + id + "/posts", Map.of("message", "Bruno, tu viens ?", "recipients", List.of("u-bruno")));
            live(bruno).until(d -> ((List<?>) js(bruno, "return window.__notices")).size() == 1);
            assertThat(((List<?>) js(bruno, "return window.__notices")).get(0).toString())
                    .contains("Alice").contains(name).contains("Bruno, tu viens ?");
        } finally {
            js(bruno, "localStorage.removeItem('clavardage.notify')");
        }
    }

    /**
     * Defect 9: the newest message's menu is not cut off; a long name in Browse leaves "Join" inside
     * the dialog; below 900 px the users column opens as a panel, where a user can still be addressed.
     */
    @Test
    void layoutHoldsFromNarrowToWide() {
        String name = unique("Menu");
        createChannel(alice, name, "#F2C94C");
        send(alice, "Le plus récent");
        WebElement newest = alice.waitFor().until(d -> lastMessage(alice));
        newest.findElement(By.cssSelector(".menu-button")).click();
        WebElement menu = alice.find(".message .menu:not([hidden])");
        assertThat(((Number) js(alice, "return document.querySelector('.message .menu:not([hidden])').getBoundingClientRect().bottom"
                + " - document.getElementById('messages').getBoundingClientRect().bottom")).doubleValue()).isLessThanOrEqualTo(0);
        new Actions(alice.driver).sendKeys(Keys.ESCAPE).perform();
        alice.waitFor().until(ExpectedConditions.invisibilityOf(menu));

        String longName = "Un-nom-de-canal-vraiment-tres-long-sans-aucune-espace-" + UUID.randomUUID().toString().substring(0, 8);
        Api.as(base, "bruno").post("api/v1/channels", Map.of("displayName", longName, "name", "long-" + UUID.randomUUID().toString().substring(0, 8)));
        alice.find("#browse-channels").click();
        WebElement row = alice.waitFor().until(d -> d.findElements(By.cssSelector("#public-channels li")).stream()
                .filter(li -> li.getText().contains(longName)).findFirst().orElse(null));
        double joinRight = ((Number) js(alice, "return [...document.querySelectorAll('#public-channels li')].find(li => li.textContent.includes('"
                + longName + "')).querySelector('button').getBoundingClientRect().right")).doubleValue();
        double dialogRight = ((Number) js(alice, "return document.getElementById('browse-dialog').getBoundingClientRect().right")).doubleValue();
        assertThat(joinRight).isLessThanOrEqualTo(dialogRight);
        assertThat(row.findElement(By.cssSelector("button")).isDisplayed()).isTrue();
        alice.find("#browse-dialog button[type='submit']").click();

        alice.driver.manage().window().setSize(new org.openqa.selenium.Dimension(720, 700));
        try {
            assertThat(alice.driver.findElement(By.cssSelector(".users")).isDisplayed()).isFalse();
            alice.find("#toggle-users").click();
            WebElement brunoInPanel = alice.find(".user[data-user-id='u-bruno']");
            new Actions(alice.driver).doubleClick(brunoInPanel).perform();
            alice.find("#recipient-chips .chip[data-user-id='u-bruno']");
            assertThat(alice.find(".user[data-user-id='u-alice'] .self-label").getText()).isEqualTo("(vous)");
            alice.find("#close-users").click();
            alice.waitFor().until(d -> !d.findElement(By.cssSelector(".users")).isDisplayed());
        } finally {
            alice.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    /** Defect 10: a pasted picture is not dropped silently; the user is told how to share it. */
    @Test
    void aPastedPictureSaysWhyItIsNotSent() {
        clickInChannel(alice, "Général", ".open");
        alice.find("#message-input");
        js(alice, "const data = new DataTransfer();"
                + "data.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'capture.png', { type: 'image/png' }));"
                + "document.getElementById('message-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));");
        assertThat(alice.find("#send-error").getText()).contains("images ne peuvent pas encore");
        assertThat(alice.driver.findElement(By.id("retry-send")).isDisplayed()).isFalse();
    }

    /** The users column searches the directory (accents and case ignored) instead of holding everyone. */
    @Test
    void theUsersColumnSearchesTheDirectory() {
        WebElement search = alice.find("#user-search");
        search.sendKeys("gerard");
        alice.waitFor().until(d -> {
            List<WebElement> users = d.findElements(By.cssSelector("#user-list .user"));
            return users.size() == 1 && "u-gerard".equals(users.get(0).getAttribute("data-user-id"));
        });
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        alice.waitFor().until(d -> !d.findElements(By.cssSelector("#user-list .user[data-user-id='u-bruno']")).isEmpty());
    }

    /** Defect 10: channels sort by the language's collation ("Étable" among the E's, not after "Z"), General first. */
    @Test
    void channelsSortByTheLanguagesCollation() {
        String name = unique("Étable");
        Api.as(base, "alice").post("api/v1/channels", Map.of("displayName", unique("Zèbre"), "name", "z-" + UUID.randomUUID().toString().substring(0, 8)));
        Api.as(base, "alice").post("api/v1/channels", Map.of("displayName", name, "name", "e-" + UUID.randomUUID().toString().substring(0, 8)));
        channelItem(alice, name);
        Object sorted = js(alice, "const names = [...document.querySelectorAll('#channel-list .channel .name')].map(n => n.textContent);"
                + "const rest = names.slice(1); const collator = new Intl.Collator('fr-FR');"
                + "return names[0] === 'Général' && rest.every((n, i) => i === 0 || collator.compare(rest[i - 1], n) <= 0);");
        assertThat(sorted).isEqualTo(true);
    }

    /** Defect 2: a post in the channel being read is read at once, no star; elsewhere a star, counted in the tab's title. */
    @Test
    void noStarOnTheChannelBeingReadAndTheTitleCountsUnreadChannels() throws InterruptedException {
        Api aliceApi = Api.as(base, "alice");
        String name = unique("Lu en direct");
        long id = channelWithBruno(name);
        String other = unique("Ailleurs");
        long otherId = channelWithBruno(other);
        bruno.openChat();
        clickInChannel(bruno, name, ".open");
        bruno.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(name));

        String text = "Lu aussitôt " + UUID.randomUUID();
        aliceApi.post("api/v1/channels/" + id + "/posts", Map.of("message", text));
        live(bruno).until(d -> d.findElements(By.cssSelector("#messages .message")).stream().anyMatch(m -> m.getText().contains(text)));
        for (int i = 0; i < 6; i++) {
            assertThat(starred(bruno, name)).as("no star on the channel being read").isFalse();
            Thread.sleep(250);
        }

        aliceApi.post("api/v1/channels/" + otherId + "/posts", Map.of("message", "Ailleurs aussi"));
        live(bruno).until(d -> starred(bruno, other));
        long unread = bruno.driver.findElements(By.cssSelector(".channel.unread")).size();
        bruno.waitFor().until(d -> d.getTitle().equals("(" + unread + ") " + name + " — Clavardage"));
    }

    /** Defect 3: the draft and its recipients stay with their channel. */
    @Test
    void eachChannelKeepsItsOwnDraft() {
        String first = unique("Brouillon A");
        createChannel(alice, first, "#2F80ED");
        String second = unique("Brouillon B");
        createChannel(alice, second, "#27AE60");
        clickInChannel(alice, first, ".open");
        alice.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(first));
        WebElement input = alice.find("#message-input");
        input.sendKeys("à moitié écrit");
        new Actions(alice.driver).doubleClick(alice.find(".user[data-user-id='u-bruno']")).perform();
        alice.find("#recipient-chips .chip[data-user-id='u-bruno']");

        clickInChannel(alice, second, ".open");
        alice.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(second));
        assertThat(input.getAttribute("value")).isEmpty();
        assertThat(alice.driver.findElements(By.cssSelector("#recipient-chips .chip"))).isEmpty();
        input.sendKeys(Keys.ENTER);

        clickInChannel(alice, first, ".open");
        alice.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(first));
        assertThat(input.getAttribute("value")).isEqualTo("à moitié écrit");
        assertThat(alice.driver.findElements(By.cssSelector("#recipient-chips .chip[data-user-id='u-bruno']"))).hasSize(1);
        assertThat(alice.driver.findElements(By.cssSelector("#messages .message"))).isEmpty();
        clickInChannel(alice, second, ".open");
        alice.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(second));
        assertThat(alice.driver.findElements(By.cssSelector("#messages .message"))).as("Enter sent nothing here").isEmpty();
    }

    /** Defect 7: Gérard has no right to the chat: listed, shown unavailable, not addressable. */
    @Test
    void usersWithoutTheChatRightAreShownUnavailable() throws InterruptedException {
        clickInChannel(alice, "Général", ".open");
        WebElement gerard = alice.find(".user[data-user-id='u-gerard']");
        assertThat(gerard.getAttribute("class")).contains("unavailable");
        assertThat(gerard.getText()).contains("indisponible");
        new Actions(alice.driver).doubleClick(gerard).perform();
        Thread.sleep(300);
        assertThat(alice.driver.findElements(By.cssSelector("#recipient-chips .chip[data-user-id='u-gerard']"))).isEmpty();
        assertThat(alice.find(".user[data-user-id='u-bruno']").getAttribute("class")).doesNotContain("unavailable");
    }

    /** Defect 11: leaving asks first, and the last member of a private channel stays (409 last_member, in French). */
    @Test
    void leavingAsksFirstAndTheLastMemberOfAPrivateChannelStays() {
        String name = unique("Secret");
        Api.as(base, "alice").post("api/v1/channels", Map.of("displayName", name,
                "name", "p-" + UUID.randomUUID().toString().substring(0, 8), "type", "private"));
        clickInChannel(alice, name, ".open");
        alice.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(name));

        alice.find("#leave-channel").click();
        var confirm = alice.waitFor().until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("privé").contains(name);
        confirm.dismiss();
        assertThat(channelItem(alice, name)).isNotNull();

        alice.find("#leave-channel").click();
        alice.waitFor().until(ExpectedConditions.alertIsPresent()).accept();
        var refused = alice.waitFor().until(ExpectedConditions.alertIsPresent());
        assertThat(refused.getText()).contains("dernier membre");
        refused.accept();
        assertThat(channelItem(alice, name)).isNotNull();

        String open = unique("Ouvert");
        createChannel(alice, open, "#8D6E63");
        alice.find("#leave-channel").click();
        var plain = alice.waitFor().until(ExpectedConditions.alertIsPresent());
        assertThat(plain.getText()).doesNotContain("privé");
        plain.accept();
        alice.waitFor().until(d -> d.findElements(By.cssSelector(".channel")).stream()
                .noneMatch(c -> c.getText().contains(open)));
    }

    /** ArrowUp in the empty box edits one's last message; consecutive messages are grouped. */
    @Test
    void arrowUpEditsTheLastOwnMessage() {
        String name = unique("Flèche");
        createChannel(alice, name, "#9B51E0");
        send(alice, "Tout premier");
        send(alice, "Premier jet");
        alice.waitFor().until(d -> lastMessage(alice).getText().contains("Premier jet"));
        // Consecutive messages of one author share one header.
        assertThat(lastMessage(alice).getAttribute("class")).contains("grouped");
        alice.find("#message-input").sendKeys(Keys.ARROW_UP);
        WebElement area = alice.find(".message.editing textarea");
        assertThat(area.getAttribute("value")).isEqualTo("Premier jet");
        area.clear();
        area.sendKeys("Second jet", Keys.ENTER);
        alice.waitFor().until(d -> lastMessage(alice).getText().contains("Second jet"));
    }

    /** Defect 8: in English, General's purpose, the tooltips and the widget's labels are English. */
    @Test
    void speaksEnglishInTheWindowAndTheWidget() {
        try {
            alice.open("app/?lang=en");
            alice.waitUntilReady();
            clickInChannel(alice, "General", ".open");
            alice.waitFor().until(d -> d.findElement(By.id("channel-purpose")).getText().equals("The whole company\u2019s channel"));
            assertThat(channelItem(alice, "General").findElement(By.cssSelector(".edit-arrow")).getAttribute("title"))
                    .isEqualTo("Edit channel General");

            alice.open("widget/?lang=en");
            alice.waitUntilReady();
            assertThat(alice.find("#send").getText()).isEqualTo("Send");
            assertThat(alice.find("#open-full").getText()).isEqualTo("Open the full window");
            assertThat(alice.find("#channels").getAttribute("aria-label")).isEqualTo("Channels");
            assertThat(alice.find("#recipient-input").getAttribute("placeholder")).isEqualTo("Recipients…");
            assertThat(alice.find("#channels .channel[aria-pressed='true'] .name").getText()).isEqualTo("General");

            // The demo ERP's own shell, switched to English as its EN button does.
            alice.open("demo/");
            ((org.openqa.selenium.JavascriptExecutor) alice.driver).executeScript("localStorage.setItem('demo.lang', 'en')");
            alice.open("demo/");
            alice.waitFor().until(d -> d.findElement(By.id("logout")).getText().equals("Sign out"));
            assertThat(alice.find("#desktop-title").getText()).isEqualTo("Desktop");
            assertThat(alice.find("#desktop").getAttribute("aria-label")).isEqualTo("Desktop");
        } finally {
            ((org.openqa.selenium.JavascriptExecutor) alice.driver).executeScript("localStorage.removeItem('demo.lang')");
            alice.openChat();
        }
    }

    /** Defect 6: the widget follows the reading-order preference. */
    @Test
    void theWidgetFollowsTheReadingOrder() {
        Api brunoApi = Api.as(base, "bruno");
        brunoApi.patch("api/v1/me/preferences", Map.of("readingOrder", "newest_top"));
        try {
            Api aliceApi = Api.as(base, "alice");
            long general = Api.as(base, "bruno").get("api/v1/channels").json().get(0).get("id").asLong();
            String older = "Plus ancien " + UUID.randomUUID();
            String newer = "Plus récent " + UUID.randomUUID();
            aliceApi.post("api/v1/channels/" + general + "/posts", Map.of("message", older));
            aliceApi.post("api/v1/channels/" + general + "/posts", Map.of("message", newer));
            bruno.open("widget/");
            bruno.waitUntilReady();
            // Read in one go, retried if the widget redraws meanwhile (it may, as events arrive).
            bruno.waitFor().until(d -> {
                List<WebElement> messages = d.findElements(By.cssSelector("#messages .message"));
                return messages.size() > 1 && messages.get(0).getText().contains(newer) && messages.get(1).getText().contains(older);
            });
        } finally {
            brunoApi.patch("api/v1/me/preferences", Map.of("readingOrder", "newest_bottom"));
            bruno.openChat();
        }
    }

    /**
     * Signing out in another tab ends the stream: the window says it is offline instead of going
     * silently stale, keeps trying, and once signed in again resumes and shows what it missed.
     */
    @Test
    void aSignedOutWindowSaysItIsOfflineAndCatchesUpOnceSignedInAgain() {
        String name = unique("Reprise");
        long channel = Api.as(base, "alice").newChannel(name, "private", "u-bruno");
        alice.openChat();
        clickInChannel(alice, name, ".name");
        alice.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(name));
        alice.waitFor().until(d -> "live".equals(d.findElement(By.tagName("body")).getAttribute("data-connection")));
        String chatTab = alice.driver.getWindowHandle();
        String missed = "Pendant ton absence " + UUID.randomUUID();
        alice.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        try {
            alice.open("demo/login");
            ((JavascriptExecutor) alice.driver).executeAsyncScript(
                    "const done = arguments[0]; fetch('logout', { method: 'POST' }).then(() => done(), () => done());");
            alice.driver.switchTo().window(chatTab);
            alice.waitFor().until(d -> "offline".equals(d.findElement(By.tagName("body")).getAttribute("data-connection")));
            assertThat(alice.find("#connection").getText()).contains("Hors connexion");

            Api.as(base, "bruno").newPost(channel, missed);
            alice.driver.switchTo().window(alice.driver.getWindowHandles().stream()
                    .filter(h -> !h.equals(chatTab)).findFirst().orElseThrow());
            alice.open("demo/login");
            alice.driver.findElement(By.cssSelector("button[value='alice']")).click();
            alice.waitFor().until(ExpectedConditions.urlMatches(".*/demo/(#.*)?$"));
        } finally {
            for (String handle : alice.driver.getWindowHandles()) {
                if (!handle.equals(chatTab)) {
                    alice.driver.switchTo().window(handle).close();
                }
            }
            alice.driver.switchTo().window(chatTab);
        }
        // The stream is reopened after a growing wait (2 s, then 5 s, 10 s…), resuming where it stopped.
        new org.openqa.selenium.support.ui.WebDriverWait(alice.driver, java.time.Duration.ofSeconds(45))
                .until(d -> "live".equals(d.findElement(By.tagName("body")).getAttribute("data-connection")));
        assertThat(alice.driver.findElement(By.id("connection")).isDisplayed()).isFalse();
        alice.waitFor().until(d -> d.findElement(By.id("messages")).getText().contains(missed));
    }

    /**
     * A role changed by someone else shows without a reload: the members panel open in Bruno's window
     * redraws the rows without asking for the list again, and once Alice promotes him Bruno gets the
     * channel admin's buttons there; demoted while the panel is closed, he no longer gets them when he
     * opens it again.
     */
    @Test
    void aMemberPromotedWhileTheWindowIsOpenGetsTheAdminControlsLive() {
        String name = unique("Promotion");
        long id = channelWithBruno(name);
        Api aliceApi = Api.as(base, "alice");
        String brunoSeat = "api/v1/channels/" + id + "/members/u-bruno";
        bruno.openChat();
        clickInChannel(bruno, name, ".open");
        bruno.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(name));
        bruno.find("#members-button").click();
        bruno.waitFor().until(d -> "member".equals(member(bruno, "u-bruno").getAttribute("data-role")));
        assertThat(bruno.driver.findElements(By.cssSelector("#member-list .change-role"))).isEmpty();
        // From now on, count what the page asks about members; a reload would lose the count.
        js(bruno, "window.__memberReads = 0; const realFetch = window.fetch; window.fetch = (url, init) => {"
                + " if (String(url).includes('/members')) window.__memberReads++; return realFetch(url, init); };");

        assertThat(aliceApi.patch(brunoSeat, Map.of("role", "admin")).status()).isEqualTo(200);
        live(bruno).until(d -> "admin".equals(member(bruno, "u-bruno").getAttribute("data-role")));
        live(bruno).until(d -> d.findElements(By.cssSelector("#member-list li[data-user-id='u-alice'] .change-role")).size() == 1
                && d.findElements(By.cssSelector("#member-list li[data-user-id='u-alice'] .remove-member")).size() == 1);
        assertThat(js(bruno, "return window.__memberReads")).isEqualTo(0L);
        bruno.find("#members-dialog button[type='submit']").click();

        // Demoted while the panel is closed: the rename that follows arrives after it, in log order.
        assertThat(aliceApi.patch(brunoSeat, Map.of("role", "member")).status()).isEqualTo(200);
        String renamed = unique("Rétrogradé");
        aliceApi.patch("api/v1/channels/" + id, Map.of("displayName", renamed));
        live(bruno).until(d -> d.findElement(By.id("channel-title")).getText().equals(renamed));
        bruno.find("#members-button").click();
        bruno.waitFor().until(d -> "member".equals(member(bruno, "u-bruno").getAttribute("data-role")));
        assertThat(bruno.driver.findElements(By.cssSelector("#member-list .change-role"))).isEmpty();
        assertThat(js(bruno, "return window.__memberReads")).isEqualTo(1L);
        bruno.find("#members-dialog button[type='submit']").click();
    }

    /** An open members panel follows arrivals and departures as they happen, without asking the server. */
    @Test
    void anOpenMembersPanelFollowsArrivalsAndDepartures() {
        String name = unique("Arrivées");
        long id = channelWithBruno(name);
        bruno.openChat();
        clickInChannel(bruno, name, ".open");
        bruno.waitFor().until(d -> d.findElement(By.id("channel-title")).getText().equals(name));
        bruno.find("#members-button").click();
        member(bruno, "u-bruno");
        js(bruno, "window.__memberReads = 0; const realFetch = window.fetch; window.fetch = (url, init) => {"
                + " if (String(url).includes('/members')) window.__memberReads++; return realFetch(url, init); };");

        Api aliceApi = Api.as(base, "alice");
        aliceApi.post("api/v1/channels/" + id + "/members", Map.of("userId", "u-chloe"));
        live(bruno).until(d -> d.findElements(By.cssSelector("#member-list li[data-user-id='u-chloe']")).size() == 1
                && d.findElement(By.cssSelector("#member-list li[data-user-id='u-chloe'] .name")).getText().contains("Chloé"));
        assertThat(aliceApi.delete("api/v1/channels/" + id + "/members/u-chloe").status()).isEqualTo(204);
        live(bruno).until(d -> d.findElements(By.cssSelector("#member-list li[data-user-id='u-chloe']")).isEmpty());
        assertThat(js(bruno, "return window.__memberReads")).isEqualTo(0L);
        bruno.find("#members-dialog button[type='submit']").click();
    }

    @Test
    void openedFromTheErpMenuWithAScreenshotForTheDocs() throws IOException {
        alice.open("demo/");
        alice.find(".menu > button").click();
        alice.find(".submenu a").click();
        alice.driver.switchTo().frame(alice.find("#module-frame"));
        alice.waitUntilReady();
        assertThat(alice.driver.findElement(By.id("channel-title")).getText()).isNotBlank();
        alice.driver.switchTo().defaultContent();
        Screenshots.save(alice.driver, "chat-window.png");
    }
}
