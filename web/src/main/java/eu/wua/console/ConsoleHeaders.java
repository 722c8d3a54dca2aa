package eu.wua.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's pages refuse to be framed, sniffed or to leak their address: {@code nosniff}, no
 * referrer, and a Content-Security-Policy that forbids framing, plugins and a foreign base. Scripts
 * are not restricted by it yet: PrimeFaces writes inline scripts (its nonce mode is untried here).
 *
 * <p>The session cookie gets {@code SameSite=Strict}, and {@code Secure} behind TLS, here rather
 * than in {@code web.xml}: Payara Micro 6 ignores the Servlet 6 cookie attributes of
 * {@code <cookie-config>}, and a header rewritten before the response commits works there. Not on WildFly,
 * whose Undertow adds the session cookie only as the response commits: {@code WEB-INF/undertow-handlers.conf}
 * gives it the attribute there.
 */
@WebFilter("/console/*")
public class ConsoleHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_SECURITY_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    /** {@code true} behind a TLS-terminating proxy, where the request the platform sees is plain HTTP. */
    @Inject
    @ConfigProperty(name = "wua.console.secure-cookie", defaultValue = "false")
    boolean alwaysSecure;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (request.getRequestURI().endsWith(".xhtml")) {
            // Faces would create the session while it writes the page, after the headers could still change
            request.getSession(true);
        }
        CookieAttributes withAttributes = new CookieAttributes(response, alwaysSecure || request.isSecure());
        chain.doFilter(request, withAttributes);
        withAttributes.apply();
    }

    /** Adds the attributes to every {@code Set-Cookie} before anything can commit the response. */
    static final class CookieAttributes extends HttpServletResponseWrapper {

        private final String attributes;

        CookieAttributes(HttpServletResponse response, boolean secure) {
            super(response);
            this.attributes = "; SameSite=Strict" + (secure ? "; Secure" : "");
        }

        void apply() {
            HttpServletResponse response = (HttpServletResponse) getResponse();
            List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
            if (response.isCommitted() || cookies.stream().allMatch(CookieAttributes::hasSameSite)) {
                return;
            }
            for (int i = 0; i < cookies.size(); i++) {
                String cookie = hasSameSite(cookies.get(i)) ? cookies.get(i) : cookies.get(i) + attributes;
                if (i == 0) {
                    response.setHeader("Set-Cookie", cookie);
                } else {
                    response.addHeader("Set-Cookie", cookie);
                }
            }
        }

        private static boolean hasSameSite(String cookie) {
            return cookie.toLowerCase(Locale.ROOT).contains("samesite=");
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            apply();
            return super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            apply();
            return super.getOutputStream();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            apply();
            super.sendRedirect(location);
        }

        @Override
        public void sendError(int status) throws IOException {
            apply();
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            apply();
            super.sendError(status, message);
        }

        @Override
        public void flushBuffer() throws IOException {
            apply();
            super.flushBuffer();
        }
    }
}
