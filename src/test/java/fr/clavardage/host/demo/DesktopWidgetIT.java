package fr.clavardage.host.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.testing.Api;
import fr.clavardage.testing.Browser;
import fr.clavardage.testing.BrowserAvailable;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OwnDeployment;
import fr.clavardage.testing.Screenshots;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The demo ERP's home desktop and the "Miaou !" widget, in a real browser. */
@Tag("h2-only")
@OwnDeployment("the screenshot for the docs shows General with this class's messages only")
@ExtendWith(BrowserAvailable.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DesktopWidgetIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.withDemoHost("desktop");
    }

    @ArquillianResource
    URL base;

    private static void rightClickDesktop(Browser browser) {
        WebElement desktop = browser.find("#desktop");
        new Actions(browser.driver).moveToElement(desktop, -300, -100).contextClick().perform();
    }

    private static void chooseInMenu(Browser browser, String label) {
        browser.waitFor().until(d -> {
            for (WebElement button : d.findElements(By.cssSelector(".context-menu button"))) {
                if (button.isDisplayed() && button.getText().equals(label)) {
                    button.click();
                    return true;
                }
            }
            return false;
        });
    }

    /** The layout the demo host stored for the signed-in user, as the shell reads it. */
    private static String savedLayout(Browser browser) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[0]; fetch('layout').then(r => r.text()).then(done, () => done('error'));"));
    }

    /** The manual's exact steps, and nothing more: right-click → Mode Modification → right-click → Ajouter → Miaou !. */
    private static void addWidget(Browser browser) {
        rightClickDesktop(browser);
        chooseInMenu(browser, "Mode Modification");
        rightClickDesktop(browser);
        new Actions(browser.driver).moveToElement(browser.find(".context-menu .has-children > span")).perform();
        browser.find(".context-submenu button[data-widget-id='clavardage.miaou']").click();
        browser.find(".widget-box[data-widget-id='clavardage.miaou']");
    }

    @Test
    void addChatFromTheWidgetKeepTheLayoutAndRemoveIt() throws IOException {
        try (Browser emilie = Browser.signedInAs(base, "emilie")) {
            addWidget(emilie);
            // Defect 5: saved at once, and usable at once (edit mode, where widgets take no clicks, is over).
            emilie.waitFor().until(d -> savedLayout(emilie).contains("clavardage.miaou"));
            assertThat(emilie.find("#desktop").getAttribute("class")).doesNotContain("editing");

            // The layout is the user's: kept across a reload (and a new sign-in).
            emilie.navigate().refresh();
            WebElement box = emilie.find(".widget-box[data-widget-id='clavardage.miaou']");
            assertThat(box.getSize().getWidth()).isGreaterThanOrEqualTo(280);

            // Chat from the widget.
            emilie.driver.switchTo().frame(box.findElement(By.tagName("iframe")));
            emilie.waitUntilReady();
            emilie.driver.switchTo().defaultContent();
            Screenshots.save(emilie.driver, "desktop-widget.png");
            emilie.driver.switchTo().frame(emilie.find(".widget-box iframe"));
            String fromWidget = "Depuis le widget " + UUID.randomUUID();
            WebElement input = emilie.find("#message");
            input.sendKeys(fromWidget, Keys.ENTER);
            emilie.waitFor().until(d -> d.findElement(By.id("messages")).getText().contains(fromWidget));

            // A message from elsewhere shows in the widget live.
            long general = Api.as(base, "bruno").get("api/v1/channels").json().get(0).get("id").asLong();
            String fromBruno = "Bonjour Émilie " + UUID.randomUUID();
            Api.as(base, "bruno").post("api/v1/channels/" + general + "/posts", Map.of("message", fromBruno));
            emilie.waitFor().until(d -> d.findElement(By.id("messages")).getText().contains(fromBruno));

            // "Open the full window" opens the chat in the ERP on the same channel, with both messages.
            emilie.find("#open-full").click();
            emilie.driver.switchTo().defaultContent();
            emilie.driver.switchTo().frame(emilie.find("#module-frame"));
            emilie.waitUntilReady();
            emilie.waitFor().until(d -> d.findElement(By.id("messages")).getText().contains(fromWidget)
                    && d.findElement(By.id("messages")).getText().contains(fromBruno));
            emilie.driver.switchTo().defaultContent();

            // Remove it in edit mode; gone after a reload.
            emilie.open("demo/");
            emilie.find(".widget-box");
            rightClickDesktop(emilie);
            chooseInMenu(emilie, "Mode Modification");
            emilie.find(".widget-remove").click();
            rightClickDesktop(emilie);
            chooseInMenu(emilie, "Quitter le mode modification");
            emilie.waitFor().until(d -> "[]".equals(savedLayout(emilie)));
            emilie.navigate().refresh();
            emilie.find("#desktop");
            emilie.waitFor().until(d -> "[]".equals(savedLayout(emilie)));
            assertThat(emilie.driver.findElements(By.cssSelector(".widget-box"))).isEmpty();
        }
    }

    @Test
    void aWidgetMovedInEditModeStaysWhereItWasPut() throws IOException {
        try (Browser francois = Browser.signedInAs(base, "francois")) {
            addWidget(francois);
            francois.waitFor().until(d -> savedLayout(francois).contains("clavardage.miaou"));
            String before = savedLayout(francois);
            rightClickDesktop(francois);
            chooseInMenu(francois, "Mode Modification");
            WebElement box = francois.find(".widget-box");
            int left = box.getLocation().getX();
            int top = box.getLocation().getY();
            new Actions(francois.driver).clickAndHold(box.findElement(By.cssSelector(".widget-bar span")))
                    .moveByOffset(40, 10).moveByOffset(40, 20).release().perform();
            rightClickDesktop(francois);
            chooseInMenu(francois, "Quitter le mode modification");
            francois.waitFor().until(d -> !savedLayout(francois).equals(before));
            francois.navigate().refresh();
            francois.waitFor().until(d -> {
                WebElement moved = d.findElement(By.cssSelector(".widget-box"));
                return moved.getLocation().getX() == left + 80 && moved.getLocation().getY() == top + 30;
            });
        }
    }

    @Test
    void aUserWithoutTheChatPermissionSeesNeitherMenuNorWidget() throws IOException {
        try (Browser gerard = Browser.signedInAs(base, "gerard")) {
            gerard.find("#desktop");
            assertThat(gerard.driver.findElements(By.cssSelector("#menus .menu"))).isEmpty();
            rightClickDesktop(gerard);
            chooseInMenu(gerard, "Mode Modification");
            rightClickDesktop(gerard);
            new Actions(gerard.driver).moveToElement(gerard.find(".context-menu .has-children > span")).perform();
            assertThat(gerard.find(".context-submenu button").getText()).isEqualTo("Aucun widget disponible");
            assertThat(gerard.driver.findElements(By.cssSelector(".context-submenu button[data-widget-id]"))).isEmpty();
        }
        assertThat(Api.as(base, "gerard").get("api/v1/channels").status()).isEqualTo(403);
    }

    /**
     * The descriptor promises hosts that the widget works from 280 × 240 px: at that size everything
     * is inside the frame, nothing scrolls sideways, messages keep room, and a message can be sent.
     */
    @Test
    void theWidgetWorksAtTheMinimumSizeItsDescriptorDeclares() throws IOException {
        try (Browser david = Browser.signedInAs(base, "david")) {
            // Fixed, out of the shell's flex layout, which would stretch it.
            ((org.openqa.selenium.JavascriptExecutor) david.driver).executeScript(
                    "const frame = document.createElement('iframe');"
                    + "frame.id = 'smallest'; frame.src = '../widget/'; frame.style.cssText = 'position:fixed;top:0;left:0;flex:none;width:280px;height:240px;border:0;z-index:9';"
                    + "document.body.prepend(frame);");
            david.driver.switchTo().frame(david.find("#smallest"));
            david.waitUntilReady();
            var js = (org.openqa.selenium.JavascriptExecutor) david.driver;
            for (String id : new String[] {"channels", "messages", "message", "send", "recipient-input", "open-full"}) {
                @SuppressWarnings("unchecked")
                Map<String, Number> box = (Map<String, Number>) js.executeScript(
                        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + "return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };", id);
                assertThat(box.get("width").doubleValue()).as(id + " width").isGreaterThan(0);
                assertThat(box.get("height").doubleValue()).as(id + " height").isGreaterThan(0);
                assertThat(box.get("left").doubleValue()).as(id + " left").isGreaterThanOrEqualTo(0);
                assertThat(box.get("top").doubleValue()).as(id + " top").isGreaterThanOrEqualTo(0);
                assertThat(box.get("right").doubleValue()).as(id + " right").isLessThanOrEqualTo(280);
                assertThat(box.get("bottom").doubleValue()).as(id + " bottom").isLessThanOrEqualTo(240);
            }
            assertThat(((Number) js.executeScript("return document.getElementById('messages').getBoundingClientRect().height"))
                    .doubleValue()).as("room left for messages").isGreaterThanOrEqualTo(48);
            assertThat((Boolean) js.executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("no sideways scrolling").isTrue();

            String text = "Petit mais utile " + UUID.randomUUID();
            david.find("#message").sendKeys(text, Keys.ENTER);
            david.waitFor().until(d -> d.findElement(By.id("messages")).getText().contains(text));
        }
    }
}
