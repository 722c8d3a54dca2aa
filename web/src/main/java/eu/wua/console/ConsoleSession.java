package eu.wua.console;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

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

    /** A warning banner shows while keys live in the uncertified software key store. */
    public boolean isSoftwareWscd() {
        try (WscdConnection connection = wscd.connect()) {
            return connection.describe().softwareKeyStore();
        } catch (WscdException e) {
            return false;
        }
    }

    public boolean isWscdAvailable() {
        try (WscdConnection connection = wscd.connect()) {
            connection.describe();
            return true;
        } catch (WscdException e) {
            return false;
        }
    }

    public void signOut() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/console/login.xhtml");
    }
}
