package eu.wua.console;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How callers authenticate, in one place. The console's sign-in form hands its credential over
 * through {@code SecurityContext.authenticate}, and the session remembers the caller; API clients
 * (administration, issuer back office) send HTTP Basic with every request, verified once a minute
 * ({@link VerifiedCredentials}). A Basic header on a public endpoint is not looked at: it would let
 * anyone spend a slow hash and an account's failures for nothing. A protected console page without
 * a caller leads to the sign-in page; a protected API answers 401 in JSON.
 */
@ApplicationScoped
@AutoApplySession
public class PlatformAuthentication implements HttpAuthenticationMechanism {

    static final String SIGN_IN_PAGE = "/console/login.xhtml";
    private static final String BASIC = "Basic ";

    @Inject
    private ConsoleIdentityStore identityStore;

    @Inject
    private ConsoleAccounts accounts;

    @Inject
    private VerifiedCredentials verifiedCredentials;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential signIn) {
            CredentialValidationResult result = identityStore.validate(signIn, request.getRemoteAddr());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                // a console session begins (API calls authenticate on every request and are not sign-ins)
                accounts.recordConsoleSignIn(result.getCallerPrincipal().getName(), request.getRemoteAddr());
            }
            return context.notifyContainerAboutLogin(result);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            CredentialValidationResult result = basic(authorization.substring(BASIC.length()).trim())
                    .map(basic -> verify(basic, request.getRemoteAddr())).orElse(CredentialValidationResult.INVALID_RESULT);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return unauthorized(response, context, "wrong user name or password, or the account is locked");
        }
        if (isConsole(request)) {
            return context.redirect(request.getContextPath() + SIGN_IN_PAGE);
        }
        return unauthorized(response, context, "this endpoint needs HTTP Basic authentication");
    }

    private CredentialValidationResult verify(UsernamePasswordCredential credential, String sourceAddress) {
        return verifiedCredentials.find(credential).orElseGet(() -> {
            CredentialValidationResult result = identityStore.validate(credential, sourceAddress);
            verifiedCredentials.remember(credential, result);
            return result;
        });
    }

    private static boolean isConsole(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/console");
    }

    private static java.util.Optional<UsernamePasswordCredential> basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** 401 with the platform's JSON error body, and the challenge HTTP Basic clients expect. */
    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context, String why) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"wua\", charset=\"UTF-8\"");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.getWriter().write(JSON.createObjectBuilder().add("error", "unauthorized")
                    .add("error_description", why).build().toString());
            // committed here: WildFly's security layer would otherwise replace the body with its HTML error page
            response.flushBuffer();
        } catch (IOException e) {
            return context.responseUnauthorized();
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
