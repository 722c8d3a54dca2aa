package eu.wua.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;

/**
 * Whether the web endpoints serve yet. The application's health checks are registered when its
 * beans are, seconds before JAX-RS and Faces are started: ready then meant that the first requests
 * got 404 or an empty 500 (issue #18). {@link Marker} is the last servlet the container starts
 * ({@code web.xml} gives it the highest load-on-startup and no mapping), so once it has started,
 * every servlet before it has too.
 */
@ApplicationScoped
public class WebReadiness {

    private volatile boolean serving;

    public boolean serving() {
        return serving;
    }

    void markServing() {
        serving = true;
    }

    /** Started after the Faces and JAX-RS servlets; answers no request. */
    public static class Marker extends HttpServlet {

        private static final long serialVersionUID = 1L;

        // looked up, not injected: Payara Server does not inject this servlet of an EAR's WAR
        @Override
        public void init() throws ServletException {
            CDI.current().select(WebReadiness.class).get().markServing();
        }
    }
}
