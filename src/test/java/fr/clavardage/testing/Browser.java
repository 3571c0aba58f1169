package fr.clavardage.testing;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through Selenium, signed in to the demo host as one user. The
 * browser and its driver come from the system ({@code apt-get install chromium chromium-driver});
 * nothing is downloaded at test time.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("test.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("test.chromedriver", "/usr/bin/chromedriver");

    public final ChromeDriver driver;
    private final URL base;

    private Browser(URL base) throws IOException {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-quic", "--window-size=1280,800", "--lang=fr-FR",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        // Keeps the page's console so that a failing test can say what the page complained about.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    public static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    /** Signs in through the demo host's login page, as a person would. */
    public static Browser signedInAs(URL base, String login) throws IOException {
        Browser browser = new Browser(base);
        browser.open("demo/login");
        browser.driver.findElement(By.cssSelector("button[value='" + login + "']")).click();
        browser.waitFor().until(ExpectedConditions.urlMatches(".*/demo/(#.*)?$"));
        return browser;
    }

    public void open(String path) {
        driver.get(base.toString() + path);
    }

    /** Opens the chat window and waits until it has loaded its data. */
    public void openChat() {
        open("app/");
        waitUntilReady();
    }

    public void waitUntilReady() {
        try {
            waitFor().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("The chat page did not load. Console: " + console()
                    + "\nBody: " + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    public String console() {
        StringBuilder log = new StringBuilder();
        driver.manage().logs().get("browser").forEach(entry -> log.append('\n').append(entry.getMessage()));
        return log.toString();
    }

    public WebDriverWait waitFor() {
        // The page re-renders as it polls: an element found a moment ago may be replaced; look again.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    public WebElement find(String css) {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public WebDriver.Navigation navigate() {
        return driver.navigate();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
