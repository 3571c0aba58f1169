package fr.clavardage.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Screenshots taken by browser tests: always into target/screenshots; into docs/images too when the
 * build is asked to refresh the documentation ({@code -Dscreenshots.update=true}), so that an ordinary
 * test run leaves the working tree clean.
 */
public final class Screenshots {

    private Screenshots() {
    }

    public static void save(TakesScreenshot browser, String fileName) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(shot, target.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("screenshots.update")) {
            Path docs = Path.of("docs", "images");
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
