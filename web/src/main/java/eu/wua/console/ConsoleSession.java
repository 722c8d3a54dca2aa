package eu.wua.console;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;

/** Who is signed in, what the WSCD is, and signing out: what every console page shows. */
@Named
@RequestScoped
public class ConsoleSession {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    @Inject
    private Wscd wscd;

    private Optional<WscdDescription> wscdDescription;

    public String getUsername() {
        return securityContext.getCallerPrincipal() == null ? "" : securityContext.getCallerPrincipal().getName();
    }

    public List<String> getRoles() {
        return Arrays.stream(ConsoleRole.values()).map(ConsoleRole::roleName)
                .filter(securityContext::isCallerInRole).toList();
    }

    public String getRoleNames() {
        return String.join(", ", getRoles());
    }

    public boolean isAdministrator() { return securityContext.isCallerInRole(ConsoleRole.ADMINISTRATOR.roleName()); }
    public boolean isCertifier() { return securityContext.isCallerInRole(ConsoleRole.CERTIFIER.roleName()); }
    public boolean isComplianceOfficer() { return securityContext.isCallerInRole(ConsoleRole.COMPLIANCE_OFFICER.roleName()); }
    public boolean isIssuerOperator() { return securityContext.isCallerInRole(ConsoleRole.ISSUER_OPERATOR.roleName()); }

    /** A warning banner shows while keys live in the uncertified software key store. */
    public boolean isSoftwareWscd() {
        return wscdDescription().map(WscdDescription::softwareKeyStore).orElse(false);
    }

    public boolean isWscdAvailable() {
        return wscdDescription().isPresent();
    }

    /** Asked once per request: Faces evaluates {@code rendered} more than once, and each ask signs a probe. */
    private Optional<WscdDescription> wscdDescription() {
        if (wscdDescription == null) {
            try (WscdConnection connection = wscd.connect()) {
                wscdDescription = Optional.of(connection.describe());
            } catch (WscdException e) {
                wscdDescription = Optional.empty();
            }
        }
        return wscdDescription;
    }

    public void signOut() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/console/login.xhtml");
    }
}
