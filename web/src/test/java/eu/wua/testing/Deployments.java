package eu.wua.testing;

import java.io.File;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The platform as an integration test deploys it: the packaged WAR (beside the RAR) on Payara Micro, or the
 * packaged EAR on a full server ({@code -Pwildfly} names it in {@code it.ear}).
 */
public final class Deployments {

    private static final String WEB_MODULE = "wua-web.war";

    private Deployments() {
    }

    /** {@code test}: the test class, which runs inside the platform's web module (Arquillian adds it to a WAR itself). */
    public static Archive<?> packagedPlatform(Class<?> test) {
        String ear = System.getProperty("it.ear", "");
        if (!ear.isBlank()) {
            // in the EAR, Arquillian puts its runner into the web module but the test class where that module
            // does not see it: the test class goes into the web module too
            EnterpriseArchive platform = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(ear));
            WebArchive web = platform.getAsType(WebArchive.class, WEB_MODULE).addClass(test);
            platform.delete(WEB_MODULE);
            return platform.addAsModule(web);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }
}
