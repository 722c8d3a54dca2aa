package eu.wua.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console in a real browser: Debian's headless Chromium driven by Selenium (-Pbrowser). */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.browser", matches = "true")
@RunAsClient
class ConsoleSignInIT {

    /** The demo passwords the integration suite configures (arquillian.xml). */
    private static final Map<String, String> PASSWORDS = Map.of(
            "administrator", "admin-test-pw",
            "certifier", "certifier-test-pw",
            "compliance-officer", "compliance-test-pw",
            "issuer-operator", "operator-test-pw");

    private static WebDriver browser;

    @Deployment(testable = false)
    static WebArchive packagedPlatform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL deployment;

    @BeforeAll
    static void startBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // no background traffic: this machine reaches no network but its own
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String page(String path) {
        return "http://localhost:" + deployment.getPort() + path;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Waits for an element; on time-out the failure says where the browser was and what it showed. */
    private void await(By element) {
        try {
            waiting().until(presenceOfElementLocated(element));
        } catch (org.openqa.selenium.TimeoutException e) {
            String source = browser.getPageSource();
            throw new AssertionError("no " + element + " at " + browser.getCurrentUrl() + ", page: "
                    + source.substring(0, Math.min(source.length(), 3000)), e);
        }
    }

    private void signIn(String username, String password) {
        browser.get(page("/console/"));
        await(By.id("signin:username"));
        browser.findElement(By.id("signin:username")).sendKeys(username);
        browser.findElement(By.id("signin:password")).sendKeys(password);
        browser.findElement(By.id("signin:submit")).click();
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("docs/screenshots");
        Files.createDirectories(target);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void everyRoleSignsInSeesItsRoleAndSignsOut() throws Exception {
        for (var user : PASSWORDS.entrySet()) {
            signIn(user.getKey(), user.getValue());

            await(By.id("roles"));
            assertEquals(user.getKey(), browser.findElement(By.id("username")).getText());
            assertEquals(user.getKey(), browser.findElement(By.id("roles")).getText());
            assertTrue(browser.findElement(By.id("software-wscd-banner")).getText().contains("uncertified"),
                    "the software WSCD banner shows");
            if ("administrator".equals(user.getKey())) {
                screenshot("console-dashboard");
            }

            browser.findElement(By.id("signout:signout-button")).click();
            await(By.id("signin:username"));
            browser.get(page("/console/index.xhtml"));
            await(By.id("signin:username"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAReadableMessage() throws Exception {
        signIn("issuer-operator", "not-the-password");

        waiting().until(textToBePresentInElementLocated(By.id("signin:messages"), "Sign-in failed"));
        assertTrue(browser.getCurrentUrl().contains("/console/login.xhtml"));
        screenshot("console-sign-in-refused");
    }
}
