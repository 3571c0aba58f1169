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
        Object width = ((JavascriptExecutor) alice.driver).executeAsyncScript(
                "const done = arguments[0]; const img = new Image(); img.onload = () => done(img.naturalWidth); img.src = arguments[1];"
                        .replace("arguments[1]", "'" + src + "'"));
        assertThat(((Number) width).intValue()).isEqualTo(256);
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
        String html = (String) js.executeScript("return document.getElementById('messages').innerHTML");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("onload").doesNotContainIgnoringCase("javascript:")
                .doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("data:text/html")
                .doesNotContainIgnoringCase("style=");
        // The text was not lost: it shows, harmlessly.
        assertThat(alice.driver.findElement(By.id("messages")).getText()).contains("lien");
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
