package eu.wua.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.io.File;
import java.net.URL;

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

/** The console in a real browser: Debian's headless Chromium driven by Selenium (-Pbrowser). */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.browser", matches = "true")
@RunAsClient
class ConsoleSignInIT {

    private static ConsoleBrowser browser;

    @Deployment(testable = false)
    static WebArchive packagedPlatform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL deployment;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new ConsoleBrowser(Integer.getInteger("it.port", 8887));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyRoleSignsInSeesItsRoleAndSignsOut() throws Exception {
        for (var user : ConsoleBrowser.PASSWORDS.entrySet()) {
            browser.signIn(user.getKey(), user.getValue());

            browser.await(By.id("roles"));
            assertEquals(user.getKey(), browser.driver.findElement(By.id("username")).getText());
            assertEquals(user.getKey(), browser.driver.findElement(By.id("roles")).getText());
            assertTrue(browser.driver.findElement(By.id("software-wscd-banner")).getText().contains("uncertified"),
                    "the software WSCD banner shows");
            assertTrue(browser.driver.findElement(By.id("bearer-tokens-banner")).getText().contains("bearer-tokens-allowed"),
                    "the suites allow Bearer tokens, and the dashboard says so");
            if ("administrator".equals(user.getKey())) {
                browser.screenshot("console-dashboard");
            }

            browser.signOut();
            browser.open("/console/index.xhtml");
            browser.await(By.id("signin:username"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAReadableMessage() throws Exception {
        browser.signIn("issuer-operator", "not-the-password");

        browser.waiting().until(textToBePresentInElementLocated(By.id("signin:messages"), "Sign-in failed"));
        assertTrue(browser.driver.getCurrentUrl().contains("/console/login.xhtml"));
        browser.screenshot("console-sign-in-refused");
    }
}
