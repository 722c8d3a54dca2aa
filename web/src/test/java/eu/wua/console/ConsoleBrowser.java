package eu.wua.console;

import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium, signed in as a console user: what the console ITs share. */
final class ConsoleBrowser implements AutoCloseable {

    /** The demo passwords the integration suite configures (arquillian.xml). */
    static final Map<String, String> PASSWORDS = Map.of(
            "administrator", "admin-test-pw",
            "certifier", "certifier-test-pw",
            "compliance-officer", "compliance-test-pw",
            "issuer-operator", "operator-test-pw");

    final WebDriver driver;
    private final String base;

    ConsoleBrowser(int port) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // no background traffic: this machine reaches no network but its own
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        base = "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Waits for an element; on time-out the failure says where the browser was and what it showed. */
    void await(By element) {
        try {
            waiting().until(presenceOfElementLocated(element));
        } catch (org.openqa.selenium.TimeoutException e) {
            String source = driver.getPageSource();
            throw new AssertionError("no " + element + " at " + driver.getCurrentUrl() + ", page: "
                    + source.substring(0, Math.min(source.length(), 3000)), e);
        }
    }

    /** Signs in afresh: whoever was signed in before (a test that failed half-way) is forgotten. */
    void signIn(String username, String password) {
        open("/console/login.xhtml");
        driver.manage().deleteAllCookies();
        open("/console/");
        await(By.id("signin:username"));
        driver.findElement(By.id("signin:username")).sendKeys(username);
        driver.findElement(By.id("signin:password")).sendKeys(password);
        driver.findElement(By.id("signin:submit")).click();
    }

    /** Signs in as {@code role} (its demo user) and waits for the dashboard. */
    void signInAs(String role) {
        signIn(role, PASSWORDS.get(role));
        await(By.id("roles"));
    }

    void signOut() {
        driver.findElement(By.id("signout:signout-button")).click();
        await(By.id("signin:username"));
    }

    /** The session cookie, for a request forged outside the browser. */
    String sessionCookie() {
        return driver.manage().getCookieNamed("JSESSIONID").getName() + "=" + driver.manage().getCookieNamed("JSESSIONID").getValue();
    }

    /** A screenshot for the README, in docs/screenshots/. */
    void screenshot(String name) throws Exception {
        Path target = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("docs/screenshots");
        Files.createDirectories(target);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
